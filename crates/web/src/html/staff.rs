//! The staff side: dashboard, the organisation's records, one record with its actions,
//! publishing and withdrawing.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;

use aireg_domain::org::Organisation;
use aireg_domain::person::Role;
use aireg_domain::policy::{Action, ReadScope, Resource, can};
use aireg_domain::system::{AiSystem, Publication};
use aireg_domain::{OrgId, SystemId};
use aireg_service::ServiceError;

use super::public::{Card, FilterChoices, card, vocabulary_options};
use super::system_view::{SystemContext, ViewSection, sections};
use super::{Chrome, LangText, PageLang, render, see_other};
use crate::auth::Staff;
use crate::error::{AppError, field_message};
use crate::form::{FormData, StaffForm};
use crate::format;
use crate::listing::{ListQuery, Pagination};
use crate::state::AppState;

/// One organisation on the dashboard.
struct OrgRow {
    name: String,
    slug: String,
    roles: Vec<String>,
    published: i64,
    drafts: i64,
    withdrawn: i64,
    can_create: bool,
    can_manage: bool,
    open_obligations: usize,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Dashboard {
    c: Chrome,
    name: String,
    orgs: Vec<OrgRow>,
}

pub async fn dashboard(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    staff: Staff,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let orgs = state.store.organisations().await?;
    let scope = ReadScope::for_actor(&staff.actor);
    let counts = state.store.system_counts(&scope).await?;
    let memberships = state.store.memberships_of(staff.user.id).await?;
    let mut direct: BTreeMap<OrgId, Vec<Role>> = BTreeMap::new();
    for m in &memberships {
        direct.entry(m.org_id).or_default().push(m.role);
    }
    // Organisations where the person holds a role directly, and those with records they see.
    let mut shown: Vec<&Organisation> = orgs
        .iter()
        .filter(|o| direct.contains_key(&o.id) || counts.iter().any(|(org, _, _)| *org == o.id))
        .collect();
    shown.sort_by_key(|o| o.display_name(lang.0).to_string());
    let count = |org: OrgId, p: Publication| {
        counts
            .iter()
            .filter(|(o, pp, _)| *o == org && *pp == p)
            .map(|(_, _, n)| *n)
            .sum::<i64>()
    };
    let open = state
        .store
        .obligations(
            &scope,
            &aireg_store::ObligationFilter {
                open_only: true,
                ..aireg_store::ObligationFilter::default()
            },
        )
        .await?;
    let rows = shown
        .into_iter()
        .map(|o| OrgRow {
            name: o.display_name(lang.0).to_string(),
            slug: o.slug.clone(),
            roles: direct
                .get(&o.id)
                .map(|rs| rs.iter().map(|r| t.get(&r.message_id())).collect())
                .unwrap_or_default(),
            published: count(o.id, Publication::Published),
            drafts: count(o.id, Publication::Draft),
            withdrawn: count(o.id, Publication::Withdrawn),
            can_create: can(&staff.actor, Action::CreateSystem, Resource::Org(o.id)),
            can_manage: can(&staff.actor, Action::ManageMembers, Resource::Org(o.id)),
            open_obligations: open.iter().filter(|ob| ob.org_id == o.id).count(),
        })
        .collect();
    render(&Dashboard {
        c: Chrome::new(lang.0, &uri, "dashboard", Some(&staff)),
        name: staff.user.name.clone(),
        orgs: rows,
    })
}

/// A record in the staff list.
struct StaffCard {
    card: Card,
    publication: String,
    publication_class: &'static str,
    version: i64,
}

#[derive(Template)]
#[template(path = "staff_systems.html")]
struct SystemsPage {
    c: Chrome,
    total: i64,
    items: Vec<StaffCard>,
    f: FilterChoices,
    q: String,
    filter_action: String,
    pagination: Pagination,
    can_create: bool,
}

pub async fn list(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    staff: Staff,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let all_orgs = state.store.organisations().await?;
    let scope = ReadScope::for_actor(&staff.actor);
    // Filter choices: the organisations whose records this person sees.
    let visible: Vec<Organisation> = all_orgs
        .iter()
        .filter(|o| scope.allows(o.id, false))
        .cloned()
        .collect();
    let query = ListQuery::parse(
        &FormData::parse(uri.query().unwrap_or("").as_bytes()),
        &visible,
    )?;
    let tree = state.store.org_tree().await?;
    let page = state
        .store
        .systems(&scope, &query.filter(&tree), query.page_request())
        .await?;
    let runs = crate::ai_act::current_runs(&state, &scope, &page.items).await?;
    let items = page
        .items
        .iter()
        .map(|s| StaffCard {
            card: card(
                s,
                &all_orgs,
                lang.0,
                format!("/{}/staff/systems/{}", lang.code(), s.id),
                &runs,
            ),
            publication: t.get(&s.publication.message_id()),
            publication_class: s.publication.as_str(),
            version: s.version,
        })
        .collect();
    let publications = vocabulary_options(lang.0, query.publication);
    let can_create = visible
        .iter()
        .any(|o| can(&staff.actor, Action::CreateSystem, Resource::Org(o.id)));
    let base = format!("/{}/staff/systems", lang.code());
    render(&SystemsPage {
        c: Chrome::new(lang.0, &uri, "systems", Some(&staff)),
        total: page.total,
        items,
        f: FilterChoices {
            publications,
            ..FilterChoices::read(&state, &scope, &query, &visible, lang.0).await?
        },
        q: query.text.clone(),
        filter_action: base.clone(),
        pagination: Pagination::new(&query, &base, page.total),
        can_create,
    })
}

#[derive(Template)]
#[template(path = "staff_system.html")]
struct SystemPage {
    c: Chrome,
    id: SystemId,
    name: LangText,
    org: String,
    publication: String,
    publication_class: &'static str,
    is_published: bool,
    version: i64,
    updated: String,
    sections: Vec<ViewSection>,
    can_edit: bool,
    can_publish: bool,
    /// What stops publishing, as sentences with the field named.
    publish_problems: Vec<String>,
    /// An error from a publish or withdraw attempt.
    error: Option<String>,
    classification: Option<super::public::ClassificationSummary>,
    lifecycle: String,
    /// Piloted or in use: what its policy's gate asks that it no longer has.
    nonconformities: Vec<String>,
}

/// Loads a record the staff member may read, or 404.
pub async fn readable(state: &AppState, staff: &Staff, id: &str) -> Result<AiSystem, AppError> {
    let id: SystemId = id.parse().map_err(|_| AppError::NotFound)?;
    state
        .store
        .system(&ReadScope::for_actor(&staff.actor), id)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn show(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    staff: Staff,
) -> Result<Response, AppError> {
    let system = readable(&state, &staff, &id).await?;
    system_page(&state, lang, &uri, &staff, system, None).await
}

async fn system_page(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    staff: &Staff,
    system: AiSystem,
    error: Option<String>,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let orgs = state.store.organisations().await?;
    let org = orgs
        .iter()
        .find(|o| o.id == system.org_id)
        .ok_or(AppError::NotFound)?;
    let r = &system.record;
    let product = match r.product {
        Some(p) => state.store.product(p).await?,
        None => None,
    };
    let owner = match r.system_owner {
        Some(u) => state.store.user(u).await?,
        None => None,
    };
    let process_owner = match r.process_owner {
        Some(u) => state.store.user(u).await?,
        None => None,
    };
    let ctx = SystemContext {
        org,
        orgs: &orgs,
        product: product.as_ref(),
        system_owner: owner.as_ref(),
        process_owner: process_owner.as_ref(),
    };
    let g = state
        .services
        .governance(&ReadScope::for_actor(&staff.actor), system.clone())
        .await?;
    let classification = g.classification.as_ref().and_then(|run| {
        super::public::classification_summary(&state.services.content().ai_act, run, lang.0)
    });
    let nonconformities = super::governance::missing_texts(&g.nonconformities(), lang.0);
    let publish_problems = r
        .publish_problems(org.primary_lang())
        .iter()
        .map(|e| field_sentence(&t, e))
        .collect();
    render(&SystemPage {
        c: Chrome::new(lang.0, uri, "systems", Some(staff)),
        id: system.id,
        name: LangText::of(&r.name, lang.0, &org.languages),
        org: org.display_name(lang.0).to_string(),
        publication: t.get(&system.publication.message_id()),
        publication_class: system.publication.as_str(),
        is_published: system.publication == Publication::Published,
        version: system.version,
        updated: format::datetime(system.updated_at, lang.0),
        sections: sections(t, r, &ctx, true),
        can_edit: can(&staff.actor, Action::EditSystem, Resource::system(&system)),
        can_publish: can(
            &staff.actor,
            Action::PublishSystem,
            Resource::system(&system),
        ),
        publish_problems,
        error,
        classification,
        lifecycle: t.get(&r.lifecycle.message_id()),
        nonconformities,
    })
}

/// A field problem as the reader sees it: "Name (Finnish): Enter a value."
pub fn field_sentence(t: &crate::i18n::Tr, e: &aireg_domain::validation::FieldError) -> String {
    format!(
        "{}: {}",
        field_label(t, &e.field),
        field_message(t, &e.problem)
    )
}

/// Every problem of a form, each as a sentence.
pub fn field_sentences(
    t: &crate::i18n::Tr,
    errors: &[aireg_domain::validation::FieldError],
) -> Vec<String> {
    errors.iter().map(|e| field_sentence(t, e)).collect()
}

/// A field path (`name.fi`, `links[0].url`) as the reader knows it: "Name (Finnish)".
pub fn field_label(t: &crate::i18n::Tr, path: &str) -> String {
    let (head, rest) = match path.find(['.', '[']) {
        Some(i) => (&path[..i], &path[i..]),
        None => (path, ""),
    };
    let base = aireg_domain::system::Field::parse(head)
        .map(|f| t.get(&f.message_id()))
        .unwrap_or_else(|| t.get(&format!("field-{}", head.replace('_', "-"))));
    let lang = rest
        .trim_start_matches('.')
        .split(['.', '['])
        .next()
        .and_then(aireg_domain::Lang::parse);
    match lang {
        Some(l) => format!("{base} ({})", t.get(&format!("language-name-{l}"))),
        None => base,
    }
}

pub async fn publish(
    state: State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    form: StaffForm,
) -> Result<Response, AppError> {
    set_publication(state, lang, uri, id, form, Publication::Published).await
}

pub async fn withdraw(
    state: State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    form: StaffForm,
) -> Result<Response, AppError> {
    set_publication(state, lang, uri, id, form, Publication::Withdrawn).await
}

async fn set_publication(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    id: String,
    StaffForm { staff, form }: StaffForm,
    publication: Publication,
) -> Result<Response, AppError> {
    let system = readable(&state, &staff, &id).await?;
    let t = lang.tr();
    let version = Some(super::governance::form_version(&t, form.get("version"))?);
    let page_uri: Uri = format!("/{}/staff/systems/{}", lang.code(), system.id)
        .parse()
        .unwrap_or(uri);
    match state
        .services
        .set_publication(&staff.actor, system.id, version, publication)
        .await
    {
        Ok(_) => {
            let done = match publication {
                Publication::Published => "published",
                _ => "withdrawn",
            };
            Ok(see_other(&format!("{page_uri}?done={done}")))
        }
        Err(ServiceError::Conflict { current }) => {
            let fresh = readable(&state, &staff, &id).await?;
            let msg = t.get1("conflict-reload", "version", current);
            let mut res = system_page(&state, lang, &page_uri, &staff, fresh, Some(msg)).await?;
            *res.status_mut() = StatusCode::CONFLICT;
            Ok(res)
        }
        Err(ServiceError::Invalid(errors)) => {
            let msg = errors
                .iter()
                .map(|e| field_sentence(&t, e))
                .collect::<Vec<_>>()
                .join("; ");
            let mut res = system_page(&state, lang, &page_uri, &staff, system, Some(msg)).await?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}
