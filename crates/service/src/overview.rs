//! An organisation's records in figures: for each organisation below it (those with none
//! too), how many records in each life-cycle state and AI Act category. The governance
//! overview draws them and the annual report prints them.

use std::collections::HashMap;

use aireg_domain::classification::Category;
use aireg_domain::org::{OrgKind, Organisation};
use aireg_domain::policy::ReadScope;
use aireg_domain::system::Lifecycle;
use aireg_domain::{Lang, OrgId};
use aireg_store::{OverviewCounts, SystemFilter};

use crate::{ServiceResult, Services};

/// The organisations figures are counted for: those of `below`, by name in `lang`, units
/// aside (a record belongs to an organisation; its unit is a field of the record).
pub fn counted<'o>(orgs: &'o [Organisation], below: &[OrgId], lang: Lang) -> Vec<&'o Organisation> {
    let mut counted: Vec<&Organisation> = orgs
        .iter()
        .filter(|o| below.contains(&o.id) && o.kind != OrgKind::Unit)
        .collect();
    counted.sort_by_cached_key(|o| o.display_name(lang).to_lowercase());
    counted
}

/// One organisation's records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgFigures {
    pub name: String,
    pub slug: String,
    pub total: usize,
    /// Per [`Lifecycle::ALL`].
    pub by_state: Vec<usize>,
    /// Per [`Figures::categories`].
    pub by_category: Vec<usize>,
}

/// The records of organisations, counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    pub orgs: Vec<OrgFigures>,
    /// Every AI Act category, then "not classified" (`None`).
    pub categories: Vec<Option<Category>>,
}

impl Figures {
    /// The figures of each of `orgs` (in the order given) from the store's counts.
    pub fn from_counts(orgs: &[&Organisation], counts: &OverviewCounts, lang: Lang) -> Figures {
        let categories: Vec<Option<Category>> = Category::ALL
            .iter()
            .copied()
            .map(Some)
            .chain([None])
            .collect();
        let n = |count: i64| usize::try_from(count).unwrap_or(0);
        let mut states: HashMap<(OrgId, Lifecycle), usize> = HashMap::new();
        for (org, state, count) in &counts.by_state {
            *states.entry((*org, *state)).or_default() += n(*count);
        }
        let mut classified: HashMap<(OrgId, Category), usize> = HashMap::new();
        for (org, category, count) in &counts.by_category {
            *classified.entry((*org, *category)).or_default() += n(*count);
        }
        let orgs = orgs
            .iter()
            .map(|o| {
                let by_state: Vec<usize> = Lifecycle::ALL
                    .iter()
                    .map(|st| states.get(&(o.id, *st)).copied().unwrap_or(0))
                    .collect();
                let total: usize = by_state.iter().sum();
                let mut by_category: Vec<usize> = Category::ALL
                    .iter()
                    .map(|c| classified.get(&(o.id, *c)).copied().unwrap_or(0))
                    .collect();
                // The rest are not classified.
                by_category.push(total.saturating_sub(by_category.iter().sum()));
                OrgFigures {
                    name: o.display_name(lang).to_string(),
                    slug: o.slug.clone(),
                    total,
                    by_state,
                    by_category,
                }
            })
            .collect();
        Figures { orgs, categories }
    }

    /// Totals over the organisations: per state.
    pub fn state_totals(&self) -> Vec<usize> {
        self.totals(|o| &o.by_state, Lifecycle::ALL.len())
    }

    /// Totals over the organisations: per category.
    pub fn category_totals(&self) -> Vec<usize> {
        self.totals(|o| &o.by_category, self.categories.len())
    }

    fn totals(&self, of: impl Fn(&OrgFigures) -> &[usize], n: usize) -> Vec<usize> {
        (0..n)
            .map(|i| self.orgs.iter().map(|o| of(o)[i]).sum())
            .collect()
    }
}

impl Services {
    /// The figures of the organisations of `below` (itself included) that `scope` sees,
    /// counted in SQL: an overview costs the same for ten records and for a hundred thousand.
    pub async fn figures(
        &self,
        scope: &ReadScope,
        orgs: &[Organisation],
        below: &[OrgId],
        lang: Lang,
    ) -> ServiceResult<Figures> {
        let counts = self
            .store()
            .overview_counts(
                scope,
                &SystemFilter {
                    orgs: Some(below.to_vec()),
                    ..SystemFilter::default()
                },
            )
            .await?;
        Ok(Figures::from_counts(
            &counted(orgs, below, lang),
            &counts,
            lang,
        ))
    }
}
