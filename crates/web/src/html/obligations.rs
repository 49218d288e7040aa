//! An organisation's AI Act obligations: what is open, what is overdue, who is responsible and
//! what shows each is met.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;

use aireg_domain::classification::{ObligationStatus, ObligationUpdate, TrackedObligation};
use aireg_domain::org::Organisation;
use aireg_domain::policy::{Action, ReadScope, Resource, can};
use aireg_domain::system::Link;
use aireg_domain::validation::FieldError;
use aireg_domain::{Lang, SystemId, UserId, clock};
use aireg_service::ServiceError;
use aireg_store::ObligationFilter;

use super::public::{Opt, vocabulary_options};
use super::{Chrome, LangText, PageLang, render, see_other};
use crate::auth::Staff;
use crate::error::{AppError, field_message};
use crate::form::{FormData, StaffForm};
use crate::format;
use crate::state::AppState;

struct EvidenceRow {
    index: usize,
    title: String,
    url: String,
}

struct ItemView {
    id: String,
    version: i64,
    article: String,
    title: String,
    subject: LangText,
    subject_href: Option<String>,
    applies_from: String,
    date_status: String,
    overdue: bool,
    active: bool,
    status: String,
    statuses: Vec<Opt>,
    people: Vec<Opt>,
    reason: String,
    evidence: Vec<EvidenceRow>,
    errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "obligations.html")]
struct ObligationsPage {
    c: Chrome,
    org_name: String,
    slug: String,
    show: String,
    items: Vec<ItemView>,
    /// Set when there are more than are shown: how many are.
    more: Option<u32>,
    can_edit: bool,
}

async fn org_for(state: &AppState, staff: &Staff, slug: &str) -> Result<Organisation, AppError> {
    let org = state
        .store
        .organisation_by_slug(slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if !can(&staff.actor, Action::ReadSystem, Resource::Org(org.id)) {
        return Err(AppError::NotFound);
    }
    Ok(org)
}

/// What one item failed with, to show next to it.
struct Failed {
    id: String,
    form: FormData,
    errors: Vec<FieldError>,
}

#[allow(clippy::too_many_arguments)]
async fn page(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    staff: &Staff,
    org: &Organisation,
    show: &str,
    failed: Option<Failed>,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let scope = ReadScope::for_actor(&staff.actor);
    let tree = state.store.org_tree().await?;
    let today = clock::now().date();
    let filter = ObligationFilter {
        orgs: Some(tree.descendants_and_self(org.id).into_iter().collect()),
        system: None,
        open_only: show != "all",
        include_inactive: show == "all",
        applies_before: (show == "overdue").then_some(today),
        limit: Some(super::LIST_MAX + 1),
    };
    let mut items: Vec<TrackedObligation> = state.store.obligations(&scope, &filter).await?;
    let more = (items.len() > super::LIST_MAX as usize).then_some(super::LIST_MAX);
    items.truncate(super::LIST_MAX as usize);
    // Names of the records the obligations belong to, and of the people who may answer for them.
    let mut names: HashMap<String, (LangText, String)> = HashMap::new();
    let ids: Vec<SystemId> = items.iter().filter_map(|i| i.system_id).collect();
    for (sid, s) in state.store.systems_by_id(&scope, &ids).await? {
        names.insert(
            sid.to_string(),
            (
                LangText::of(&s.record.name, lang.0, &org.languages),
                format!("/{}/staff/systems/{}", lang.code(), sid),
            ),
        );
    }
    let mut people: Vec<(UserId, String)> = Vec::new();
    // The people of the organisations above it that the reader may see too (a region's).
    for o in tree.ancestors_and_self(org.id) {
        if !scope.allows(o, false) {
            continue;
        }
        for m in state.store.members(&scope, o).await? {
            if !people.iter().any(|(id, _)| *id == m.user.id) {
                people.push((m.user.id, m.user.name));
            }
        }
    }
    people.sort_by(|a, b| a.1.cmp(&b.1));
    let views = items
        .iter()
        .map(|i| {
            let id = i.id.to_string();
            let failed_here = failed.as_ref().filter(|f| f.id == id);
            let form_value = |name: &str, stored: String| match failed_here {
                Some(f) => f.form.get(name).to_string(),
                None => stored,
            };
            let status = form_value("status", i.status.as_str().into());
            let responsible = form_value(
                "responsible",
                i.responsible.map(|u| u.to_string()).unwrap_or_default(),
            );
            let evidence: Vec<(String, String)> = match failed_here {
                Some(f) => f
                    .form
                    .all("evidence.title")
                    .into_iter()
                    .zip(f.form.all("evidence.url"))
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .filter(|(a, b)| !(a.is_empty() && b.is_empty()))
                    .collect(),
                None => i
                    .evidence
                    .iter()
                    .map(|l| (l.title.clone(), l.url.clone()))
                    .collect(),
            };
            let (subject, subject_href) = match i.system_id {
                Some(sid) => names
                    .get(&sid.to_string())
                    .map(|(n, h)| (n.clone(), Some(h.clone())))
                    .unwrap_or_else(|| (LangText::plain(sid.to_string()), None)),
                None => (
                    LangText::plain(t.get("obligation-organisation-level")),
                    None,
                ),
            };
            ItemView {
                id: id.clone(),
                version: i.version,
                article: i.article.clone(),
                title: i.title.text(lang.0, &[Lang::En]).to_string(),
                subject,
                subject_href,
                applies_from: format::date(i.applies_from, lang.0),
                date_status: t.get(&format!("date-status-{}", i.date_status.replace('_', "-"))),
                overdue: i.is_overdue(today),
                active: i.active,
                status: t.get(&i.status.message_id()),
                statuses: vocabulary_options(lang.0, ObligationStatus::parse(&status)),
                people: people
                    .iter()
                    .map(|(uid, name)| Opt {
                        value: uid.to_string(),
                        label: name.clone(),
                        selected: uid.to_string() == responsible,
                    })
                    .collect(),
                reason: form_value("reason", i.reason.clone().unwrap_or_default()),
                evidence: evidence
                    .into_iter()
                    .chain(std::iter::repeat_n((String::new(), String::new()), 1))
                    .enumerate()
                    .map(|(index, (title, url))| EvidenceRow { index, title, url })
                    .collect(),
                errors: failed_here
                    .map(|f| {
                        f.errors
                            .iter()
                            .map(|e| {
                                format!(
                                    "{}: {}",
                                    super::staff::field_label(&t, &e.field),
                                    field_message(&t, &e.problem)
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    render(&ObligationsPage {
        c: Chrome::new(lang.0, uri, "dashboard", Some(staff)),
        org_name: org.display_name(lang.0).to_string(),
        slug: org.slug.clone(),
        show: show.to_string(),
        items: views,
        more,
        can_edit: can(
            &staff.actor,
            Action::TrackObligations,
            Resource::Org(org.id),
        ),
    })
}

fn show_param(uri: &Uri) -> String {
    let q = FormData::parse(uri.query().unwrap_or("").as_bytes());
    normal_show(q.get("show")).into()
}

/// One of the list's views; anything else is the default (never echoed into a redirect).
fn normal_show(v: &str) -> &'static str {
    match v {
        "overdue" => "overdue",
        "all" => "all",
        _ => "open",
    }
}

pub async fn list(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, slug)): Path<(String, String)>,
    staff: Staff,
) -> Result<Response, AppError> {
    let org = org_for(&state, &staff, &slug).await?;
    page(&state, lang, &uri, &staff, &org, &show_param(&uri), None).await
}

pub async fn update(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, slug, id)): Path<(String, String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let org = org_for(&state, &staff, &slug).await?;
    let item_id: uuid::Uuid = id.parse().map_err(|_| AppError::NotFound)?;
    let version = super::governance::form_version(&lang.tr(), form.get("version"))?;
    let status = ObligationStatus::parse(form.get("status"));
    let responsible = match form.get("responsible") {
        "" => Ok(None),
        v => v.parse::<UserId>().map(Some),
    };
    let back = format!(
        "/{}/staff/orgs/{}/obligations?show={}",
        lang.code(),
        org.slug,
        normal_show(form.get("show"))
    );
    let back_uri: Uri = back.parse().unwrap_or(uri);
    let mut errors = Vec::new();
    if status.is_none() {
        errors.push(FieldError::new(
            "status",
            aireg_domain::validation::Problem::InvalidChoice {
                allowed: ObligationStatus::allowed(),
            },
        ));
    }
    if responsible.is_err() {
        errors.push(FieldError::new(
            "responsible",
            aireg_domain::validation::Problem::UnknownReference,
        ));
    }
    if let (Some(status), Ok(responsible)) = (status, responsible) {
        let update = ObligationUpdate {
            status,
            reason: Some(form.get("reason").to_string()),
            responsible,
            evidence: form
                .all("evidence.title")
                .into_iter()
                .zip(form.all("evidence.url"))
                .map(|(title, url)| Link {
                    title: title.to_string(),
                    url: url.to_string(),
                })
                .collect(),
        };
        // The item is one of the organisation's or of one below it, tracked by (and
        // authorized in) its own organisation.
        match state
            .services
            .update_obligation(&staff.actor, org.id, item_id, version, update)
            .await
        {
            Ok(_) => {
                return Ok(see_other(&format!("{back}&done=obligation-saved")));
            }
            Err(ServiceError::Invalid(mut e)) => errors.append(&mut e),
            Err(ServiceError::Conflict { current }) => {
                errors.push(FieldError::new(
                    "version",
                    aireg_domain::validation::Problem::Unreadable {
                        detail: lang.tr().get1("conflict-reload", "version", current),
                    },
                ));
            }
            Err(e) => return Err(e.into()),
        }
    }
    let show = show_param(&back_uri);
    let failed = Failed {
        id: item_id.to_string(),
        form,
        errors,
    };
    let mut res = page(&state, lang, &back_uri, &staff, &org, &show, Some(failed)).await?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}
