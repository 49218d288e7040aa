//! The governance overview in figures: records per organisation (every one below, those with
//! none too) by life-cycle state and by AI Act category, as charts, as tables of the same
//! figures and as CSV.

use std::collections::HashMap;

use aireg_domain::classification::Category;
use aireg_domain::org::Organisation;
use aireg_domain::system::{AiSystem, Lifecycle};
use aireg_domain::{Lang, SystemId};
use aireg_i18n::Tr;

use crate::charts::{Bar, bars};

/// One organisation's records.
pub(super) struct OrgFigures {
    pub(super) name: String,
    pub(super) slug: String,
    pub(super) total: usize,
    /// Per [`Lifecycle::ALL`].
    pub(super) by_state: Vec<usize>,
    /// Per [`Figures::categories`].
    pub(super) by_category: Vec<usize>,
}

/// The records of the organisations below one, counted.
pub(super) struct Figures {
    pub(super) orgs: Vec<OrgFigures>,
    /// Every AI Act category, then "not classified" (`None`).
    pub(super) categories: Vec<Option<Category>>,
}

/// A chart with the figures it draws, for the page's table.
pub(super) struct Chart {
    pub(super) id: &'static str,
    pub(super) title: String,
    pub(super) svg: String,
    pub(super) rows: Vec<(String, usize)>,
}

impl Figures {
    /// Counts `systems` for each of `orgs` (in the order given), by state and category.
    pub(super) fn count(
        orgs: &[&Organisation],
        systems: &[AiSystem],
        category_of: &HashMap<SystemId, Category>,
        lang: Lang,
    ) -> Figures {
        let categories: Vec<Option<Category>> = Category::ALL
            .iter()
            .copied()
            .map(Some)
            .chain([None])
            .collect();
        let mut of_org: HashMap<_, Vec<&AiSystem>> = HashMap::new();
        for s in systems {
            of_org.entry(s.org_id).or_default().push(s);
        }
        let orgs = orgs
            .iter()
            .map(|o| {
                let mine = of_org.remove(&o.id).unwrap_or_default();
                OrgFigures {
                    name: o.display_name(lang).to_string(),
                    slug: o.slug.clone(),
                    total: mine.len(),
                    by_state: Lifecycle::ALL
                        .iter()
                        .map(|st| mine.iter().filter(|s| s.record.lifecycle == *st).count())
                        .collect(),
                    by_category: categories
                        .iter()
                        .map(|c| {
                            mine.iter()
                                .filter(|s| category_of.get(&s.id).copied() == *c)
                                .count()
                        })
                        .collect(),
                }
            })
            .collect();
        Figures { orgs, categories }
    }

    fn category_label(t: &Tr, c: Option<Category>) -> String {
        c.map_or_else(
            || t.get("figures-not-classified"),
            |c| t.get(&c.message_id()),
        )
    }

    fn totals(&self, of: impl Fn(&OrgFigures) -> &[usize], n: usize) -> Vec<usize> {
        (0..n)
            .map(|i| self.orgs.iter().map(|o| of(o)[i]).sum())
            .collect()
    }

    /// The three charts: records by state, by category, by organisation.
    pub(super) fn charts(&self, t: &Tr) -> Vec<Chart> {
        let chart = |id: &'static str, title: String, rows: Vec<(String, usize)>| Chart {
            svg: bars(
                &rows
                    .iter()
                    .map(|(label, value)| Bar {
                        label: label.clone(),
                        value: *value,
                    })
                    .collect::<Vec<_>>(),
                id,
            ),
            id,
            title,
            rows,
        };
        let states = self.totals(|o| &o.by_state, Lifecycle::ALL.len());
        let categories = self.totals(|o| &o.by_category, self.categories.len());
        vec![
            chart(
                "chart-states",
                t.get("figures-by-state"),
                Lifecycle::ALL
                    .iter()
                    .zip(states)
                    .map(|(s, n)| (t.get(&s.message_id()), n))
                    .collect(),
            ),
            chart(
                "chart-categories",
                t.get("figures-by-category"),
                self.categories
                    .iter()
                    .zip(categories)
                    .map(|(c, n)| (Self::category_label(t, *c), n))
                    .collect(),
            ),
            chart(
                "chart-orgs",
                t.get("figures-by-organisation"),
                self.orgs
                    .iter()
                    .map(|o| (o.name.clone(), o.total))
                    .collect(),
            ),
        ]
    }

    /// The same figures as CSV: one row per organisation, a column per state and category.
    pub(super) fn csv(&self, t: &Tr) -> Vec<u8> {
        let mut header = vec![t.get("column-organisation"), t.get("column-total")];
        header.extend(Lifecycle::ALL.iter().map(|s| t.get(&s.message_id())));
        header.extend(self.categories.iter().map(|c| {
            format!(
                "{}: {}",
                t.get("classification-title"),
                Self::category_label(t, *c)
            )
        }));
        let mut out = aireg_service::opendata::csv_row(&header);
        for o in &self.orgs {
            let mut row = vec![o.name.clone(), o.total.to_string()];
            row.extend(o.by_state.iter().map(usize::to_string));
            row.extend(o.by_category.iter().map(usize::to_string));
            out.extend(aireg_service::opendata::csv_row(&row));
        }
        out
    }
}
