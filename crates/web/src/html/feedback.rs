//! Residents' feedback on published records: a question, a problem report or a contest of the
//! use, sent from the public page without an account, and answered by the organisation.
//!
//! Spam is kept out without third-party services: a field people do not see (bots fill it), a
//! signed form token that must be a few seconds old (bots post at once) and at most a few hours
//! old, and a per-address and per-record limit per hour. No mail goes to the address a resident
//! types in until staff answer, so the form cannot be used to send mail to strangers.

use std::sync::OnceLock;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use time::Duration;

use aireg_domain::governance::{Feedback, FeedbackKind, FeedbackStatus, NewFeedback};
use aireg_domain::policy::{Action, ReadScope, Resource, can};
use aireg_domain::system::AiSystem;
use aireg_domain::{Lang, SystemId, clock};
use aireg_service::ServiceError;
use aireg_store::ReportFilter;

use super::governance::form_version;
use super::public::{Opt, vocabulary_options};
use super::staff::field_sentence;
use super::{Chrome, LangText, PageLang, render, see_other};
use crate::auth::{Staff, random_hex, sha256_hex};
use crate::client::ClientAddr;
use crate::error::{AppError, field_message};
use crate::form::{FormData, PlainForm, StaffForm};
use crate::format;
use crate::state::AppState;

/// The key form tokens are signed with: `AIREG_FORM_SECRET` when set (several instances behind
/// one address must share it), else new at each start, so a form older than the running server
/// is simply sent again.
fn secret() -> &'static str {
    static SECRET: OnceLock<String> = OnceLock::new();
    SECRET.get_or_init(|| match std::env::var("AIREG_FORM_SECRET") {
        Ok(s) if !s.is_empty() => s,
        _ => random_hex(32).unwrap_or_else(|_| format!("{:?}", clock::now())),
    })
}

/// Where a page's feedback form has its token: the answer is the same for every visit but
/// for the token, which says when the form was given, so the page is made (and may be kept)
/// with this in its place and [`crate::cache`] puts a token made for the visit there.
pub const TOKEN_SLOT: &str = "aireg-form-token-slot";

/// The response header (never sent) that names the record whose form token fills the slot.
pub const TOKEN_FOR: &str = "x-aireg-form-token-for";

/// A token for a form shown now for `system`: when it was shown, signed.
pub fn form_token(system: SystemId) -> String {
    let at = clock::now().unix_timestamp();
    format!("{at}.{}", sign(system, at))
}

fn sign(system: SystemId, at: i64) -> String {
    sha256_hex(&format!("{}:{system}:{at}", secret()))
}

/// Whether a token was made by this server for this record between `min_age` and six hours ago.
fn token_ok(token: &str, system: SystemId, min_age: Duration) -> bool {
    let Some((at, sig)) = token.split_once('.') else {
        return false;
    };
    let Ok(at) = at.parse::<i64>() else {
        return false;
    };
    let Some(age) = clock::now().unix_timestamp().checked_sub(at) else {
        return false;
    };
    crate::auth::constant_time_eq(sig, &sign(system, at))
        && age >= min_age.whole_seconds()
        && age <= Duration::hours(6).whole_seconds()
}

/// The public form as the public page shows it.
pub struct FeedbackForm {
    pub action: String,
    pub token: String,
    pub kinds: Vec<Opt>,
    pub message: String,
    pub name: String,
    pub email: String,
    pub errors: Vec<(String, String)>,
    pub response_days: u32,
}

impl FeedbackForm {
    pub fn new(lang: Lang, system: SystemId, response_days: u32, form: &FormData) -> Self {
        FeedbackForm {
            action: format!("/{}/systems/{system}/feedback", lang.code()),
            token: TOKEN_SLOT.to_string(),
            kinds: vocabulary_options(lang, FeedbackKind::parse(form.get("kind"))),
            message: form.get("message").to_string(),
            name: form.get("name").to_string(),
            email: form.get("email").to_string(),
            errors: Vec::new(),
            response_days,
        }
    }
}

/// The days the organisation's policy gives for answering.
pub async fn response_days(state: &AppState, system: &AiSystem) -> Result<u32, AppError> {
    Ok(state.services.response_days(system).await?)
}

/// A resident sends feedback.
pub async fn submit(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    ClientAddr(addr): ClientAddr,
    PlainForm(form): PlainForm,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let id: SystemId = id.parse().map_err(|_| AppError::NotFound)?;
    let system = state
        .store
        .system(&ReadScope::public(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let page_path = format!("/{}/systems/{}", lang.code(), id);

    // A filled-in hidden field is a bot: it is told all went well, and nothing is kept.
    if !form.get("website").is_empty() {
        return Ok(see_other(&format!(
            "{page_path}?done=feedback-sent#feedback"
        )));
    }
    let now = clock::now();
    let since = now - Duration::hours(1);
    let system_key = format!("feedback-system:{id}");
    let address_key = addr.map(|a| format!("feedback-address:{a}"));
    let mut limited = state.store.login_failures_since(&system_key, since).await?
        >= state.config.feedback_per_system;
    if let Some(k) = &address_key {
        limited |=
            state.store.login_failures_since(k, since).await? >= state.config.feedback_per_address;
    }
    if limited {
        return Err(AppError::TooManyRequests {
            retry_after_secs: 3600,
        });
    }
    let days = response_days(&state, &system).await?;
    let mut errors: Vec<(String, String)> = Vec::new();
    if !token_ok(form.get("form_token"), id, state.config.feedback_min_age) {
        errors.push(("message".into(), t.get("feedback-token-expired")));
    }
    let kind = FeedbackKind::parse(form.get("kind"));
    if kind.is_none() {
        errors.push((
            "kind".into(),
            format!(
                "{}: {}",
                t.get("field-feedback-kind"),
                field_message(
                    &t,
                    &aireg_domain::validation::Problem::InvalidChoice {
                        allowed: FeedbackKind::allowed()
                    }
                )
            ),
        ));
    }
    if let (Some(kind), true) = (kind, errors.is_empty()) {
        let message = NewFeedback {
            kind,
            message: form.get("message").to_string(),
            name: Some(form.get("name").to_string()),
            email: Some(form.get("email").to_string()),
            lang: lang.0,
        };
        match state.services.submit_feedback(id, message).await {
            Ok(_) => {
                state.store.record_login_failure(&system_key, now).await?;
                if let Some(k) = &address_key {
                    state.store.record_login_failure(k, now).await?;
                }
                return Ok(see_other(&format!(
                    "{page_path}?done=feedback-sent#feedback"
                )));
            }
            Err(ServiceError::Invalid(e)) => {
                for err in e {
                    errors.push((
                        err.field.clone(),
                        format!(
                            "{}: {}",
                            t.get(&format!("field-feedback-{}", err.field)),
                            field_message(&t, &err.problem)
                        ),
                    ));
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    let mut feedback = FeedbackForm::new(lang.0, id, days, &form);
    feedback.errors = errors;
    let uri: Uri = page_path.parse().unwrap_or(uri);
    let mut res = super::public::system_page(&state, lang, &uri, None, system, feedback).await?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

struct FeedbackRow {
    id: String,
    version: i64,
    system: LangText,
    system_href: String,
    kind: String,
    message: String,
    from: String,
    received: String,
    due: String,
    overdue: bool,
    status: String,
    response: String,
    form_response: String,
    responder: String,
    can_answer: bool,
    has_email: bool,
    statuses: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "feedback.html")]
struct FeedbackPage {
    c: Chrome,
    rows: Vec<FeedbackRow>,
    show_all: bool,
    /// More than the page shows (how many are shown): those due first are.
    more: Option<u32>,
    errors: Vec<String>,
    failed: String,
}

async fn list_page(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    staff: &Staff,
    errors: Vec<String>,
    failed: String,
    typed: String,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let l = lang.0;
    let q = FormData::parse(uri.query().unwrap_or("").as_bytes());
    let show_all = q.get("show") == "all";
    let scope = ReadScope::for_actor(&staff.actor);
    let items: Vec<Feedback> = state
        .store
        .feedback(
            &scope,
            &ReportFilter {
                open_only: !show_all,
                limit: Some(super::LIST_MAX + 1),
                ..ReportFilter::default()
            },
        )
        .await?;
    let more = (items.len() > super::LIST_MAX as usize).then_some(super::LIST_MAX);
    let items: Vec<Feedback> = items.into_iter().take(super::LIST_MAX as usize).collect();
    let ids: Vec<SystemId> = items.iter().map(|f| f.system_id).collect();
    let systems = state.store.systems_by_id(&scope, &ids).await?;
    let today = clock::now().date();
    let mut rows = Vec::new();
    for f in items {
        let Some(system) = systems.get(&f.system_id) else {
            continue;
        };
        let may_answer = can(
            &staff.actor,
            Action::HandleReports,
            Resource::system(system),
        );
        rows.push(FeedbackRow {
            id: f.id.to_string(),
            version: f.version,
            system: LangText::of(&system.record.name, l, &[]),
            system_href: format!("/{}/staff/systems/{}", l.code(), system.id),
            kind: t.get(&f.kind.message_id()),
            message: f.message.clone(),
            // The resident's name and address are for those who answer, not for every reader.
            from: if may_answer {
                [f.name.clone(), f.email.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                String::new()
            },
            received: format::datetime(f.created_at, l),
            due: format::date(f.response_due, l),
            overdue: f.status == FeedbackStatus::Open && f.response_due < today,
            status: t.get(&f.status.message_id()),
            response: f.response.clone().unwrap_or_default(),
            // A refused answer comes back as it was typed.
            form_response: if failed == f.id.to_string() {
                typed.clone()
            } else {
                f.response.clone().unwrap_or_default()
            },
            responder: f.responded_by_name.clone().unwrap_or_default(),
            can_answer: may_answer,
            has_email: f.email.is_some(),
            statuses: vocabulary_options(
                l,
                Some(match f.status {
                    FeedbackStatus::Open => FeedbackStatus::Answered,
                    s => s,
                }),
            ),
        });
    }
    render(&FeedbackPage {
        more,
        c: Chrome::new(l, uri, "dashboard", Some(staff)),
        rows,
        show_all,
        errors,
        failed,
    })
}

pub async fn list(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    staff: Staff,
) -> Result<Response, AppError> {
    list_page(
        &state,
        lang,
        &uri,
        &staff,
        Vec::new(),
        String::new(),
        String::new(),
    )
    .await
}

/// Answers or closes a message; an answer goes to the resident by e-mail when they gave one.
pub async fn respond(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let fid: uuid::Uuid = id.parse().map_err(|_| AppError::NotFound)?;
    // Who may answer is settled before what was sent is looked at.
    let scope = ReadScope::for_actor(&staff.actor);
    let item = state
        .store
        .feedback_item(&scope, fid)
        .await?
        .ok_or(AppError::NotFound)?;
    let system = state
        .store
        .system(&scope, item.system_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !can(
        &staff.actor,
        Action::HandleReports,
        Resource::system(&system),
    ) {
        return Err(AppError::Forbidden);
    }
    let version = form_version(&t, form.get("version"))?;
    let typed = form.get("response").to_string();
    let back: Uri = format!("/{}/staff/feedback", lang.code())
        .parse()
        .unwrap_or(uri);
    let Some(status) = FeedbackStatus::parse(form.get("status")) else {
        let msg = format!(
            "{}: {}",
            t.get("field-status"),
            field_message(
                &t,
                &aireg_domain::validation::Problem::InvalidChoice {
                    allowed: FeedbackStatus::allowed()
                }
            )
        );
        let mut res = list_page(&state, lang, &back, &staff, vec![msg], id, typed.clone()).await?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    };
    match state
        .services
        .respond_feedback(&staff.actor, fid, version, status, form.get("response"))
        .await
    {
        Ok(_) => Ok(see_other(&format!(
            "/{}/staff/feedback?done=saved",
            lang.code()
        ))),
        Err(ServiceError::Invalid(e)) => {
            let msgs = e.iter().map(|e| field_sentence(&t, e)).collect();
            let mut res = list_page(&state, lang, &back, &staff, msgs, id, typed.clone()).await?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(ServiceError::Conflict { current }) => {
            let msg = t.get1("conflict-reload", "version", current);
            let mut res =
                list_page(&state, lang, &back, &staff, vec![msg], id, typed.clone()).await?;
            *res.status_mut() = StatusCode::CONFLICT;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_tokens_are_bound_to_the_record_and_age() {
        let s = SystemId::new();
        let token = form_token(s);
        assert!(token_ok(&token, s, Duration::ZERO));
        assert!(!token_ok(&token, s, Duration::seconds(30)), "too fresh");
        assert!(
            !token_ok(&token, SystemId::new(), Duration::ZERO),
            "other record"
        );
        let old = clock::now().unix_timestamp() - 7 * 3600;
        assert!(
            !token_ok(&format!("{old}.{}", sign(s, old)), s, Duration::ZERO),
            "too old"
        );
        assert!(!token_ok("garbage", s, Duration::ZERO));
        assert!(!token_ok("-9223372036854775808.x", s, Duration::ZERO));
    }
}
