//! Incidents and deviations: any staff member of the organisation reports one on a record,
//! with evidence files; it goes by e-mail to the people the policy routes its kind to; the
//! handlers move it through its states with notes and record who else was told. A serious
//! incident (AI Act art. 3(49)) carries its art. 73 reporting deadline.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use aireg_domain::governance::{
    ATTACHMENT_TYPES, Incident, IncidentKind, IncidentStatus, MAX_ATTACHMENT, MAX_ATTACHMENTS,
    SeriousKind,
};
use aireg_domain::policy::{Action, ReadScope, Resource, can};
use aireg_domain::system::AiSystem;
use aireg_domain::validation::{FieldError, Problem};
use aireg_domain::{SystemId, clock};
use aireg_service::ServiceError;
use aireg_service::incidents::{Evidence, IncidentReport, is_open};
use aireg_store::ReportFilter;

use super::governance::{form_version, parse_date};
use super::public::{Opt, vocabulary_options};
use super::staff::{field_label, field_sentence, readable};
use super::{Chrome, LangText, PageLang, render, see_other};
use crate::auth::Staff;
use crate::error::{AppError, field_message};
use crate::form::{FormData, StaffForm, StaffMultipart};
use crate::format;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "incident_new.html")]
struct NewIncidentPage {
    c: Chrome,
    system_id: String,
    system_name: LangText,
    kinds: Vec<Opt>,
    serious: Vec<Opt>,
    title: String,
    description: String,
    aware_on: String,
    recipients: Vec<String>,
    errors: Vec<(String, String, String)>,
    attachments_hint: String,
}

fn field_errors(t: &crate::i18n::Tr, errors: &[FieldError]) -> Vec<(String, String, String)> {
    errors
        .iter()
        .map(|e| {
            let field = e.field.split(['.', '[']).next().unwrap_or("").to_string();
            (
                field.clone(),
                field_label(t, &e.field),
                field_message(t, &e.problem),
            )
        })
        .collect()
}

fn serious_options(t: &crate::i18n::Tr, chosen: &str) -> Vec<Opt> {
    std::iter::once(Opt {
        value: String::new(),
        label: t.get("serious-none"),
        selected: chosen.is_empty(),
    })
    .chain(SeriousKind::ALL.iter().map(|k| Opt {
        value: k.as_str().into(),
        label: t.get1(&k.message_id(), "days", k.period().whole_days()),
        selected: chosen == k.as_str(),
    }))
    .collect()
}

#[allow(clippy::too_many_arguments)]
async fn new_page(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    staff: &Staff,
    system: &AiSystem,
    form: &FormData,
    errors: Vec<(String, String, String)>,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let kind = IncidentKind::parse(form.get("kind")).unwrap_or(IncidentKind::Error);
    let names = state
        .services
        .incident_recipients(system, kind)
        .await?
        .into_iter()
        .map(|u| u.name)
        .collect();
    let org_langs = state
        .store
        .organisation(system.org_id)
        .await?
        .map(|o| o.languages)
        .unwrap_or_default();
    render(&NewIncidentPage {
        c: Chrome::new(lang.0, uri, "systems", Some(staff)),
        system_id: system.id.to_string(),
        system_name: LangText::of(&system.record.name, lang.0, &org_langs),
        kinds: vocabulary_options(lang.0, IncidentKind::parse(form.get("kind"))),
        serious: serious_options(&t, form.get("serious")),
        title: form.get("title").to_string(),
        description: form.get("description").to_string(),
        aware_on: match form.get("aware_on") {
            "" => clock::iso(clock::now().date()),
            v => v.to_string(),
        },
        recipients: names,
        errors,
        attachments_hint: t.args(
            "incident-attachments-hint",
            &[
                ("count", MAX_ATTACHMENTS.to_string()),
                ("mib", (MAX_ATTACHMENT / (1024 * 1024)).to_string()),
                (
                    "types",
                    ATTACHMENT_TYPES
                        .iter()
                        .map(|(_, ext)| *ext)
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ],
        ),
    })
}

pub async fn new_form(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    staff: Staff,
) -> Result<Response, AppError> {
    let system = readable(&state, &staff, &id).await?;
    if !can(
        &staff.actor,
        Action::ReportIncident,
        Resource::system(&system),
    ) {
        return Err(AppError::Forbidden);
    }
    let form = FormData::parse(uri.query().unwrap_or("").as_bytes());
    new_page(&state, lang, &uri, &staff, &system, &form, Vec::new()).await
}

pub async fn create(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    StaffMultipart {
        staff,
        form,
        files,
        oversized,
    }: StaffMultipart,
) -> Result<Response, AppError> {
    let system = readable(&state, &staff, &id).await?;
    if !can(
        &staff.actor,
        Action::ReportIncident,
        Resource::system(&system),
    ) {
        return Err(AppError::Forbidden);
    }
    let had_files = !files.is_empty() || !oversized.is_empty();
    // The choices and the date as the form sends them; the rest is checked by the use case.
    let mut errors: Vec<FieldError> = Vec::new();
    let kind = IncidentKind::parse(form.get("kind"));
    if kind.is_none() {
        errors.push(FieldError::new(
            "kind",
            Problem::InvalidChoice {
                allowed: IncidentKind::allowed(),
            },
        ));
    }
    let serious = match form.get("serious") {
        "" => Ok(None),
        v => SeriousKind::parse(v).map(Some).ok_or(()),
    };
    if serious.is_err() {
        errors.push(FieldError::new(
            "serious",
            Problem::InvalidChoice {
                allowed: SeriousKind::allowed(),
            },
        ));
    }
    let aware_on = match form.get("aware_on").trim() {
        "" => Ok(None),
        v => parse_date(v).map(Some).ok_or(()),
    };
    if aware_on.is_err() {
        errors.push(FieldError::new("aware_on", Problem::InvalidDate));
    }
    let (Some(kind), Ok(serious), Ok(aware_on), true) =
        (kind, serious, aware_on, errors.is_empty())
    else {
        return refused(
            &state, lang, &uri, &staff, &system, &form, errors, had_files,
        )
        .await;
    };
    let report = IncidentReport {
        kind,
        serious,
        title: form.get("title").to_string(),
        description: form.get("description").to_string(),
        aware_on,
        files: files
            .into_iter()
            .map(|f| Evidence {
                filename: f.filename,
                data: f.data,
            })
            .collect(),
        oversized: oversized.len(),
    };
    match state
        .services
        .report_incident(&staff.actor, system.id, report)
        .await
    {
        Ok(i) => Ok(see_other(&format!(
            "/{}/staff/incidents/{}?done=incident-reported",
            lang.code(),
            i.id
        ))),
        Err(ServiceError::Invalid(e)) => {
            refused(&state, lang, &uri, &staff, &system, &form, e, had_files).await
        }
        Err(e) => Err(e.into()),
    }
}

#[allow(clippy::too_many_arguments)]
async fn refused(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    staff: &Staff,
    system: &AiSystem,
    form: &FormData,
    errors: Vec<FieldError>,
    had_files: bool,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let mut shown = field_errors(&t, &errors);
    if had_files {
        // Browsers do not keep chosen files across a page load; say so.
        shown.push((
            "attachments".into(),
            t.get("field-attachments"),
            t.get("incident-files-again"),
        ));
    }
    let mut res = new_page(state, lang, uri, staff, system, form, shown).await?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

struct IncidentRow {
    href: String,
    title: String,
    system: LangText,
    kind: String,
    status: String,
    serious: bool,
    deadline: String,
    overdue: bool,
    reported: String,
}

#[derive(Template)]
#[template(path = "incidents.html")]
struct IncidentsPage {
    c: Chrome,
    rows: Vec<IncidentRow>,
    show_all: bool,
    system: String,
    /// More than the page shows (how many are shown): the newest are.
    more: Option<u32>,
}

pub async fn list(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    staff: Staff,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let q = FormData::parse(uri.query().unwrap_or("").as_bytes());
    let scope = ReadScope::for_actor(&staff.actor);
    let system: Option<SystemId> = q.get("system").parse().ok();
    let show_all = q.get("show") == "all";
    let filter = ReportFilter {
        orgs: None,
        system,
        open_only: !show_all,
        limit: Some(super::LIST_MAX + 1),
        ..ReportFilter::default()
    };
    let mut incidents = state.store.incidents(&scope, &filter).await?;
    let more = (incidents.len() > super::LIST_MAX as usize).then_some(super::LIST_MAX);
    incidents.truncate(super::LIST_MAX as usize);
    let ids: Vec<SystemId> = incidents.iter().map(|i| i.system_id).collect();
    let systems = state.store.systems_by_id(&scope, &ids).await?;
    let now = clock::now();
    let mut rows = Vec::new();
    for i in incidents {
        let name = systems
            .get(&i.system_id)
            .map(|s| LangText::of(&s.record.name, lang.0, &[]))
            .unwrap_or_default();
        rows.push(IncidentRow {
            href: format!("/{}/staff/incidents/{}", lang.code(), i.id),
            title: i.title.clone(),
            system: name,
            kind: t.get(&i.kind.message_id()),
            status: t.get(&i.status.message_id()),
            serious: i.serious.is_some(),
            deadline: i
                .report_deadline
                .map(|d| format::datetime(d, lang.0))
                .unwrap_or_default(),
            overdue: is_open(&i) && i.report_deadline.is_some_and(|d| d < now),
            reported: format::datetime(i.created_at, lang.0),
        });
    }
    render(&IncidentsPage {
        c: Chrome::new(lang.0, &uri, "dashboard", Some(&staff)),
        rows,
        show_all,
        system: system.map(|s| s.to_string()).unwrap_or_default(),
        more,
    })
}

struct FileRow {
    href: String,
    name: String,
    kind: String,
    size: String,
}

struct NoteRow {
    at: String,
    author: String,
    status: String,
    text: String,
}

struct NoticeRow {
    at: String,
    recipient: String,
    channel: String,
    note: String,
}

#[derive(Template)]
#[template(path = "incident.html")]
struct IncidentPage {
    c: Chrome,
    id: String,
    version: i64,
    title: String,
    description: String,
    system_name: LangText,
    system_href: String,
    kind: String,
    status: String,
    serious: String,
    article: String,
    deadline: String,
    overdue: bool,
    /// GDPR art. 33: when a personal data breach must be notified (privacy incidents).
    breach_deadline: String,
    breach_overdue: bool,
    /// AI Act art. 26(5): a serious incident of a high-risk system goes to the provider first.
    provider_first: bool,
    aware: String,
    reported: String,
    files: Vec<FileRow>,
    notes: Vec<NoteRow>,
    notices: Vec<NoticeRow>,
    statuses: Vec<Opt>,
    channels: Vec<Opt>,
    can_handle: bool,
    errors: Vec<String>,
    note: String,
    notice_recipient: String,
    notice_note: String,
}

/// What a refused post on an incident's page brings back: the problems and what was typed.
#[derive(Default)]
struct Refused {
    errors: Vec<String>,
    note: String,
    recipient: String,
    notice_note: String,
}

async fn detail(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    staff: &Staff,
    id: &str,
    refused: Refused,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let l = lang.0;
    let scope = ReadScope::for_actor(&staff.actor);
    let (incident, system) = incident_of(state, staff, id).await?;
    let files = state
        .store
        .attachments(&scope, incident.id)
        .await?
        .into_iter()
        .map(|a| FileRow {
            href: format!("/{}/staff/attachments/{}", l.code(), a.id),
            name: a.filename,
            kind: a.content_type,
            size: format::bytes(a.size),
        })
        .collect();
    let notes = state
        .store
        .incident_notes(&scope, incident.id)
        .await?
        .into_iter()
        .map(|n| NoteRow {
            at: format::datetime(n.at, l),
            author: n.author_name,
            status: n.status.map(|s| t.get(&s.message_id())).unwrap_or_default(),
            text: n.text,
        })
        .collect();
    let notices = state
        .store
        .notifications(&scope, incident.id)
        .await?
        .into_iter()
        .map(|n| NoticeRow {
            at: format::datetime(n.at, l),
            recipient: n.recipient,
            channel: t.get(&format!("channel-{}", n.channel)),
            note: n.note.unwrap_or_default(),
        })
        .collect();
    let now = clock::now();
    let high_risk = state
        .store
        .current_classifications(&scope, Some(&[system.id]))
        .await?
        .iter()
        .any(|r| r.category == aireg_domain::classification::Category::HighRisk);
    let breach = incident.breach_notice_deadline();
    render(&IncidentPage {
        breach_deadline: breach.map(|d| format::datetime(d, l)).unwrap_or_default(),
        breach_overdue: is_open(&incident) && breach.is_some_and(|d| d < now),
        provider_first: incident.provider_first(high_risk),
        c: Chrome::new(l, uri, "dashboard", Some(staff)),
        id: incident.id.to_string(),
        version: incident.version,
        title: incident.title.clone(),
        description: incident.description.clone(),
        system_name: LangText::of(&system.record.name, l, &[]),
        system_href: format!("/{}/staff/systems/{}/governance", l.code(), system.id),
        kind: t.get(&incident.kind.message_id()),
        status: t.get(&incident.status.message_id()),
        serious: incident
            .serious
            .map(|s| t.get1(&s.message_id(), "days", s.period().whole_days()))
            .unwrap_or_default(),
        article: incident
            .serious
            .map(|s| s.article().to_string())
            .unwrap_or_default(),
        deadline: incident
            .report_deadline
            .map(|d| format::datetime(d, l))
            .unwrap_or_default(),
        overdue: is_open(&incident) && incident.report_deadline.is_some_and(|d| d < now),
        aware: format::datetime(incident.aware_at, l),
        reported: format!(
            "{} · {}",
            format::datetime(incident.created_at, l),
            incident.reported_by_name
        ),
        files,
        notes,
        notices,
        statuses: vocabulary_options(l, Some(incident.status)),
        channels: ["authority", "email", "phone", "other"]
            .iter()
            .map(|c| Opt {
                value: (*c).into(),
                label: t.get(&format!("channel-{c}")),
                selected: *c == "authority",
            })
            .collect(),
        can_handle: can(
            &staff.actor,
            Action::HandleReports,
            Resource::system(&system),
        ),
        errors: refused.errors,
        note: refused.note,
        notice_recipient: refused.recipient,
        notice_note: refused.notice_note,
    })
}

async fn incident_of(
    state: &AppState,
    staff: &Staff,
    id: &str,
) -> Result<(Incident, AiSystem), AppError> {
    let id: uuid::Uuid = id.parse().map_err(|_| AppError::NotFound)?;
    Ok(state.services.incident_of(&staff.actor, id).await?)
}

pub async fn show(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    staff: Staff,
) -> Result<Response, AppError> {
    detail(&state, lang, &uri, &staff, &id, Refused::default()).await
}

/// Moves an incident on, with a note.
pub async fn update(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let (incident, system) = incident_of(&state, &staff, &id).await?;
    may_handle(&staff, &system)?;
    let version = form_version(&t, form.get("version"))?;
    let note = form.get("note").to_string();
    let fail = |errors: Vec<String>, status: StatusCode| {
        let (state, staff, uri, id, note) = (&state, &staff, &uri, &id, note.clone());
        async move {
            let refused = Refused {
                errors,
                note,
                ..Refused::default()
            };
            let mut res = detail(state, lang, uri, staff, id, refused).await?;
            *res.status_mut() = status;
            Ok::<Response, AppError>(res)
        }
    };
    let Some(status) = IncidentStatus::parse(form.get("status")) else {
        let problem = FieldError::new(
            "status",
            Problem::InvalidChoice {
                allowed: IncidentStatus::allowed(),
            },
        );
        return fail(
            vec![field_sentence(&t, &problem)],
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    match state
        .services
        .update_incident(&staff.actor, incident.id, version, status, &note)
        .await
    {
        Ok(_) => Ok(see_other(&format!(
            "/{}/staff/incidents/{}?done=saved",
            lang.code(),
            incident.id
        ))),
        Err(ServiceError::Invalid(e)) => {
            let msgs = e.iter().map(|e| field_sentence(&t, e)).collect();
            fail(msgs, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(ServiceError::Conflict { current }) => {
            fail(
                vec![t.get1("conflict-reload", "version", current)],
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// Records that someone was told, e.g. the market surveillance authority.
pub async fn notify(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let (incident, system) = incident_of(&state, &staff, &id).await?;
    may_handle(&staff, &system)?;
    match state
        .services
        .record_notification(
            &staff.actor,
            incident.id,
            form.get("recipient"),
            form.get("channel"),
            form.get("note"),
        )
        .await
    {
        Ok(_) => Ok(see_other(&format!(
            "/{}/staff/incidents/{}?done=notification-recorded",
            lang.code(),
            incident.id
        ))),
        Err(ServiceError::Invalid(e)) => {
            let msgs = e.iter().map(|e| field_sentence(&t, e)).collect();
            // What was typed comes back with the refusal.
            let refused = Refused {
                errors: msgs,
                recipient: form.get("recipient").to_string(),
                notice_note: form.get("note").to_string(),
                ..Refused::default()
            };
            let mut res = detail(&state, lang, &uri, &staff, &id, refused).await?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

/// Refuses, before the form is read, someone who may not handle the record's reports.
fn may_handle(staff: &Staff, system: &AiSystem) -> Result<(), AppError> {
    if can(
        &staff.actor,
        Action::HandleReports,
        Resource::system(system),
    ) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// An evidence file, to download (never shown inline: it came from a person's disk).
pub async fn attachment(
    State(state): State<AppState>,
    Path((_, id)): Path<(String, String)>,
    staff: Staff,
) -> Result<Response, AppError> {
    let scope = ReadScope::for_actor(&staff.actor);
    let id: uuid::Uuid = id.parse().map_err(|_| AppError::NotFound)?;
    let (meta, data) = state
        .store
        .attachment_data(&scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let ascii: String = meta
        .filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = form_urlencoded::byte_serialize(meta.filename.as_bytes()).collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        encoded.replace('+', "%20")
    );
    let mut res = data.into_response();
    let headers = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&meta.content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}
