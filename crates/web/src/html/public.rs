//! The public register: anyone, no sign-in, published records and their public fields only.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;

use aireg_domain::classification::ClassificationRun;
use aireg_domain::org::{OrgKind, Organisation};
use aireg_domain::policy::ReadScope;
use aireg_domain::system::AiSystem;
use aireg_domain::{Lang, SystemId, Vocabulary};
use aireg_store::{Facet, FacetCount, yes_no};

use super::system_view::{SystemContext, ViewSection, sections};
use super::{Chrome, LangText, PageLang, render};
use crate::ai_act;
use crate::auth::MaybeStaff;
use crate::error::AppError;
use crate::form::FormData;
use crate::format;
use crate::listing::{ListQuery, Pagination};
use crate::state::AppState;

/// An option of a select.
#[derive(Debug, Clone)]
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A record in a list.
#[derive(Debug, Clone)]
pub struct Card {
    pub href: String,
    pub name: LangText,
    pub org: String,
    pub summary: LangText,
    pub lifecycle: String,
    pub updated: String,
    /// The AI Act category of the current classification, or "".
    pub category: String,
}

/// The cards of published records, linked to their public pages (their classifications read
/// for all of them at once).
pub async fn public_cards(
    state: &AppState,
    lang: Lang,
    orgs: &[Organisation],
    systems: &[AiSystem],
) -> Result<Vec<Card>, AppError> {
    let runs = crate::ai_act::current_runs(state, &ReadScope::public(), systems).await?;
    Ok(systems
        .iter()
        .map(|s| {
            let href = format!("/{}/systems/{}", lang.code(), s.id);
            card(s, orgs, lang, href, &runs)
        })
        .collect())
}

pub fn card(
    s: &AiSystem,
    orgs: &[Organisation],
    lang: Lang,
    href: String,
    runs: &[ClassificationRun],
) -> Card {
    let org = orgs.iter().find(|o| o.id == s.org_id);
    let preferred = org.map(|o| o.languages.as_slice()).unwrap_or(&[]);
    let t = crate::i18n::Tr::new(lang);
    Card {
        href,
        name: LangText::of(&s.record.name, lang, preferred),
        org: org
            .map(|o| o.display_name(lang).to_string())
            .unwrap_or_default(),
        summary: LangText::of(&s.record.summary, lang, preferred),
        lifecycle: t.get(&s.record.lifecycle.message_id()),
        updated: format::date(s.updated_at.date(), lang),
        category: runs
            .iter()
            .find(|r| r.system_id == s.id)
            .and_then(ai_act::outcome_of)
            .map(|o| t.get(&o.category.message_id()))
            .unwrap_or_default(),
    }
}

/// What the public page shows of a record's AI Act classification.
pub struct ClassificationSummary {
    pub category: String,
    pub lead: String,
    pub annex_iii: Option<String>,
    pub transparency: Vec<String>,
    pub classified: String,
}

pub fn classification_summary(
    pack: &aireg_rules::ai_act::Pack,
    run: &ClassificationRun,
    lang: Lang,
) -> Option<ClassificationSummary> {
    let outcome = ai_act::outcome_of(run)?;
    let t = crate::i18n::Tr::new(lang);
    Some(ClassificationSummary {
        category: t.get(&outcome.category.message_id()),
        lead: t.get(&format!("{}-lead", outcome.category.message_id())),
        annex_iii: ai_act::annex_iii_code(&run.facts)
            .and_then(|c| ai_act::annex_iii_name(pack, &c, lang)),
        transparency: outcome
            .transparency
            .iter()
            .map(|p| ai_act::transparency_label(&t, p))
            .collect(),
        classified: format::date(run.created_at.date(), lang),
    })
}

/// Organisations to filter by: regions and the organisations that keep records (not units),
/// by name.
pub fn org_options(orgs: &[Organisation], lang: Lang, selected: Option<&Organisation>) -> Vec<Opt> {
    let mut out: Vec<Opt> = orgs
        .iter()
        .filter(|o| o.kind != OrgKind::Unit)
        .map(|o| Opt {
            value: o.slug.clone(),
            label: o.display_name(lang).to_string(),
            selected: selected.is_some_and(|s| s.id == o.id),
        })
        .collect();
    out.sort_by(|a, b| a.label.cmp(&b.label));
    out
}

/// The choices of a list's filters, each labelled with how many records of the list it
/// would show (counted with that filter itself left out, so other choices stay visible).
#[derive(Debug, Clone, Default)]
pub struct FilterChoices {
    pub orgs: Vec<Opt>,
    pub statuses: Vec<Opt>,
    /// Empty where the list has no publication filter (the public register).
    pub publications: Vec<Opt>,
    pub categories: Vec<Opt>,
    pub themes: Vec<Opt>,
    pub personal_data: Vec<Opt>,
    pub decisions: Vec<Opt>,
}

impl FilterChoices {
    /// Reads the counts of `query`'s list as `scope` sees it; `orgs` are the organisations
    /// the filter offers.
    pub async fn read(
        state: &AppState,
        scope: &ReadScope,
        query: &ListQuery,
        orgs: &[Organisation],
        lang: Lang,
    ) -> Result<FilterChoices, AppError> {
        let tree = state.store.org_tree().await?;
        let filter = query.filter(&tree);
        // A facet that is set is counted again without itself; the search words are looked up
        // once for all of them.
        let set = [
            (Facet::Organisation, filter.orgs.is_some()),
            (Facet::Lifecycle, filter.lifecycle.is_some()),
            (Facet::Category, filter.category.is_some()),
            (Facet::Theme, filter.theme.is_some()),
            (Facet::PersonalData, filter.personal_data.is_some()),
            (
                Facet::DecisionsOnPersons,
                filter.decisions_on_persons.is_some(),
            ),
        ];
        let mut filters = vec![filter.clone()];
        let mut set_facets = Vec::new();
        for (facet, is_set) in set {
            if !is_set {
                continue;
            }
            let mut f = filter.clone();
            match facet {
                Facet::Organisation => f.orgs = None,
                Facet::Lifecycle => f.lifecycle = None,
                Facet::Category => f.category = None,
                Facet::Theme => f.theme = None,
                Facet::PersonalData => f.personal_data = None,
                Facet::DecisionsOnPersons => f.decisions_on_persons = None,
            }
            filters.push(f);
            set_facets.push(facet);
        }
        let mut counted = state
            .store
            .facet_counts_each(scope, &filters)
            .await?
            .into_iter();
        let all: Vec<FacetCount> = counted.next().unwrap_or_default();
        let without: Vec<(Facet, Vec<FacetCount>)> = set_facets.into_iter().zip(counted).collect();
        let counts_of = |facet: Facet| -> Vec<(String, i64)> {
            without
                .iter()
                .find(|(f, _)| *f == facet)
                .map_or(&all, |(_, c)| c)
                .iter()
                .filter(|c| c.facet == facet)
                .map(|c| (c.value.clone(), c.count))
                .collect()
        };
        let count_in = |counts: &[(String, i64)], value: &str| {
            counts
                .iter()
                .find(|(v, _)| v == value)
                .map_or(0, |(_, n)| *n)
        };
        let labelled = |mut opts: Vec<Opt>, facet: Facet| {
            let counts = counts_of(facet);
            for o in &mut opts {
                o.label = format!("{} ({})", o.label, count_in(&counts, &o.value));
            }
            opts
        };
        // An organisation counts the records of the organisations below it too.
        let by_org = counts_of(Facet::Organisation);
        let mut org_opts = org_options(orgs, lang, query.org.as_ref());
        for o in &mut org_opts {
            let Some(org) = orgs.iter().find(|x| x.slug == o.value) else {
                continue;
            };
            let n: i64 = tree
                .descendants_and_self(org.id)
                .iter()
                .map(|id| count_in(&by_org, &id.to_string()))
                .sum();
            o.label = format!("{} ({n})", o.label);
        }
        let t = crate::i18n::Tr::new(lang);
        let yes_no_opts = |selected: Option<bool>| {
            [true, false]
                .into_iter()
                .map(|b| Opt {
                    value: yes_no(b).into(),
                    label: t.get(if b { "value-yes" } else { "value-no" }),
                    selected: selected == Some(b),
                })
                .collect::<Vec<Opt>>()
        };
        Ok(FilterChoices {
            orgs: org_opts,
            statuses: labelled(vocabulary_options(lang, query.lifecycle), Facet::Lifecycle),
            publications: Vec::new(),
            categories: labelled(vocabulary_options(lang, query.category), Facet::Category),
            themes: labelled(vocabulary_options(lang, query.theme), Facet::Theme),
            personal_data: labelled(yes_no_opts(query.personal_data), Facet::PersonalData),
            decisions: labelled(
                yes_no_opts(query.decisions_on_persons),
                Facet::DecisionsOnPersons,
            ),
        })
    }
}

/// The choices of a closed set of values, with their names in the page's language.
pub fn vocabulary_options<E: Vocabulary + PartialEq>(lang: Lang, selected: Option<E>) -> Vec<Opt> {
    let t = crate::i18n::Tr::new(lang);
    E::all()
        .iter()
        .map(|v| Opt {
            value: v.text().into(),
            label: t.get(&v.message()),
            selected: selected == Some(*v),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "public_list.html")]
struct RegisterPage {
    c: Chrome,
    total: i64,
    items: Vec<Card>,
    /// The public register lists published records only: no publication filter.
    f: FilterChoices,
    q: String,
    filter_action: String,
    pagination: Pagination,
}

pub async fn register(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    MaybeStaff(staff): MaybeStaff,
) -> Result<Response, AppError> {
    let orgs = state.store.organisations().await?;
    let query = ListQuery::parse(
        &FormData::parse(uri.query().unwrap_or("").as_bytes()),
        &orgs,
    )?;
    let tree = state.store.org_tree().await?;
    let page = state
        .store
        .systems(
            &ReadScope::public(),
            &query.filter(&tree),
            query.page_request(),
        )
        .await?;
    let base = format!("/{}/", lang.code());
    let items = public_cards(&state, lang.0, &orgs, &page.items).await?;
    render(&RegisterPage {
        c: Chrome::new(lang.0, &uri, "register", staff.as_ref()),
        total: page.total,
        items,
        f: FilterChoices::read(&state, &ReadScope::public(), &query, &orgs, lang.0).await?,
        q: query.text.clone(),
        filter_action: base.clone(),
        pagination: Pagination::new(&query, &base, page.total),
    })
}

#[derive(Template)]
#[template(path = "public_system.html")]
struct SystemPage {
    c: Chrome,
    name: LangText,
    org: String,
    org_slug: String,
    sections: Vec<ViewSection>,
    classification: Option<ClassificationSummary>,
    withheld: Vec<String>,
    updated: String,
    published: String,
    version: i64,
    /// Completed impact assessments: (title, date).
    assessments: Vec<(String, String)>,
    feedback: super::feedback::FeedbackForm,
}

pub async fn system(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    MaybeStaff(staff): MaybeStaff,
) -> Result<Response, AppError> {
    let id: SystemId = id.parse().map_err(|_| AppError::NotFound)?;
    let system = state
        .store
        .system(&ReadScope::public(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let days = super::feedback::response_days(&state, &system).await?;
    let feedback = super::feedback::FeedbackForm::new(lang.0, id, days, &FormData::default());
    system_page(&state, lang, &uri, staff.as_ref(), system, feedback).await
}

/// The public page of a published record, with the feedback form as given.
pub async fn system_page(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    staff: Option<&crate::auth::Staff>,
    system: AiSystem,
    feedback: super::feedback::FeedbackForm,
) -> Result<Response, AppError> {
    let orgs = state.store.organisations().await?;
    let org = orgs
        .iter()
        .find(|o| o.id == system.org_id)
        .ok_or(AppError::NotFound)?;
    let product = match system.record.product {
        Some(p) => state.store.product(p).await?,
        None => None,
    };
    let ctx = SystemContext {
        org,
        orgs: &orgs,
        product: product.as_ref(),
        system_owner: None,
        process_owner: None,
    };
    let t = lang.tr();
    let classification = state
        .store
        .current_classifications(&ReadScope::public(), Some(&[system.id]))
        .await?
        .first()
        .and_then(|r| classification_summary(&state.services.content().ai_act, r, lang.0));
    let templates = &state.services.content().templates;
    let assessments = state
        .services
        .assessments_done(system.id)
        .await
        .map_err(AppError::from)?
        .into_iter()
        .map(|a| {
            let title = templates
                .get(&a.template_id)
                .map(|t| t.title.get(lang.code()).to_string())
                .unwrap_or(a.template_id);
            (title, format::date(a.signed_at.date(), lang.0))
        })
        .collect();
    let mut page = render(&SystemPage {
        c: Chrome::new(lang.0, uri, "register", staff),
        assessments,
        name: LangText::of(&system.record.name, lang.0, &org.languages),
        org: org.display_name(lang.0).to_string(),
        org_slug: org.slug.clone(),
        sections: sections(t, &system.record, &ctx, false),
        classification,
        // The public view lists exactly the fields it withholds.
        withheld: system
            .record
            .visibility
            .keys()
            .map(|f| t.get(&f.message_id()))
            .collect(),
        updated: format::date(system.updated_at.date(), lang.0),
        published: system
            .first_published_at
            .map(|d| format::date(d.date(), lang.0))
            .unwrap_or_default(),
        version: system.version,
        feedback,
    })?;
    // The form's token is made for each visit, on the way out (crate::cache).
    if let Ok(id) = axum::http::HeaderValue::from_str(&system.id.to_string()) {
        page.headers_mut().insert(super::feedback::TOKEN_FOR, id);
    }
    Ok(page)
}
