//! A record's governance page: the policy that governs it and why, its approvals, assessments
//! and reviews, the lifecycle moves its gates allow, and its governance history; lifecycle
//! moves and reviews. Approval requests and decisions are in `approvals`.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;

use aireg_domain::governance::{ApprovalStatus, add_months};
use aireg_domain::policy::{Action, ReadScope, Resource, can};
use aireg_domain::system::{AiSystem, Lifecycle};
use aireg_domain::validation::{FieldError, Problem};
use aireg_domain::{Lang, clock};
use aireg_rules::assessment::Templates;
use aireg_rules::policy::Missing;
use aireg_service::ServiceError;

use super::staff::{field_sentences, readable};
use super::{Chrome, LangText, PageLang, render, see_other, text};
use crate::auth::Staff;
use crate::error::AppError;
use crate::form::StaffForm;
use crate::format;
use crate::state::AppState;

/// A required approval and where it stands.
struct ApprovalRow {
    body: String,
    reason: String,
    section: String,
    own_decision: bool,
    status: String,
    status_class: &'static str,
}

/// An approval request, in the record's list and with a decision form for body members.
struct RequestRow {
    id: String,
    version: i64,
    body: String,
    target: String,
    reason: String,
    requested: String,
    note: String,
    status: String,
    status_class: &'static str,
    decided: String,
    comment: String,
    minutes_ref: String,
    can_decide: bool,
    own_decision: bool,
    /// What was typed in a refused decision on this request.
    form_comment: String,
    form_minutes: String,
}

struct AssessmentRow {
    template: String,
    name: String,
    reason: String,
    section: String,
    status: String,
    status_class: &'static str,
    signed: String,
    href: String,
}

struct TransitionRow {
    to: &'static str,
    label: String,
    missing: Vec<String>,
}

struct HistoryRow {
    at: String,
    actor: String,
    what: String,
}

struct ReviewRow {
    at: String,
    reviewer: String,
    findings: String,
    next: String,
}

#[derive(Template)]
#[template(path = "governance.html")]
struct GovernancePage {
    c: Chrome,
    id: String,
    name: LangText,
    org: String,
    version: i64,
    lifecycle: String,
    pack: Option<(String, String, String)>,
    policy_href: String,
    facts: Vec<(String, String)>,
    approvals: Vec<ApprovalRow>,
    requests: Vec<RequestRow>,
    can_govern: bool,
    can_request: bool,
    assessments: Vec<AssessmentRow>,
    transitions: Vec<TransitionRow>,
    next_review: String,
    review_overdue: bool,
    review_default: String,
    review_interval: u32,
    reviews: Vec<ReviewRow>,
    history: Vec<HistoryRow>,
    /// Set when the trail may be longer than shown: how many of its newest events are.
    history_more: Option<u32>,
    errors: Vec<String>,
    refused: Option<(String, Vec<String>)>,
    form_note: String,
    form_findings: String,
    /// Piloted or in use: what its policy's gate asks that it no longer has.
    nonconformities: Vec<String>,
    /// A procured system: the EU model contract clauses (MCC-AI) and what its contract lacks.
    procurement: Option<ProcurementView>,
}

/// The contract clause checklist of a procured system.
struct ProcurementView {
    name: String,
    href: String,
    status: String,
    started: bool,
    /// "Clause: the answer" for each clause the contract lacks.
    gaps: Vec<String>,
}

/// What a failed post leaves on the page.
#[derive(Default)]
pub struct Outcome {
    pub errors: Vec<String>,
    pub refused: Option<(String, Vec<String>)>,
    pub note: String,
    pub findings: String,
    /// A refused decision: the request's id, and the comment and minutes reference typed.
    pub decision: Option<(String, String, String)>,
}

fn status_class(s: ApprovalStatus) -> &'static str {
    match s {
        ApprovalStatus::Approved => "published",
        ApprovalStatus::Open => "draft",
        ApprovalStatus::Rejected | ApprovalStatus::Returned => "withdrawn",
    }
}

/// The comment and minutes reference typed in a refused decision on request `id`.
fn typed_decision(o: &Outcome, id: uuid::Uuid) -> (String, String) {
    match &o.decision {
        Some((on, comment, minutes)) if *on == id.to_string() => (comment.clone(), minutes.clone()),
        _ => (String::new(), String::new()),
    }
}

/// The missing items of a gate as sentences in the reader's language.
pub fn missing_texts(missing: &[Missing], lang: Lang) -> Vec<String> {
    missing.iter().map(|m| text(&m.text, lang)).collect()
}

async fn page(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    staff: &Staff,
    system: AiSystem,
    outcome: Outcome,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let l = lang.0;
    let scope = ReadScope::for_actor(&staff.actor);
    let orgs = state.store.organisations().await?;
    let org = orgs
        .iter()
        .find(|o| o.id == system.org_id)
        .ok_or(AppError::NotFound)?;
    let g = state.services.governance(&scope, system).await?;
    let s = &g.system;
    let resource = Resource::system(s);
    let can_govern = can(&staff.actor, Action::GovernSystem, resource);
    let lc = |x: Lifecycle| t.get(&x.message_id());

    let yes_no = |v: Option<bool>| match v {
        Some(true) => t.get("value-yes"),
        Some(false) => t.get("value-no"),
        None => t.get("value-not-given"),
    };
    let mut facts = vec![
        (
            t.get("field-personal-data"),
            if g.personal_data_assumed {
                t.get("governance-personal-data-assumed")
            } else {
                yes_no(s.record.personal_data)
            },
        ),
        (
            t.get("field-sensitive-data"),
            yes_no(s.record.sensitive_data),
        ),
    ];
    facts.push((
        t.get("classification-title"),
        match &g.situation.ai_act {
            Some(a) => t.get(&a.category.message_id()),
            None => t.get("classification-none"),
        },
    ));

    // Approvals are asked for taking the system into use; that approval covers a pilot too.
    let requirements = g
        .pack
        .map(|p| p.approvals_required(&g.situation))
        .unwrap_or_default();
    let latest = g.latest_requests(Lifecycle::InUse);
    let approvals: Vec<ApprovalRow> = requirements
        .iter()
        .map(|req| {
            let body = g.pack.and_then(|p| p.body(&req.body));
            let current = latest.iter().find(|a| a.body == req.body);
            ApprovalRow {
                body: body.map(|b| text(&b.name, l)).unwrap_or(req.body.clone()),
                reason: text(&req.reason, l),
                section: text(&req.section, l),
                own_decision: req.own_decision,
                status: current
                    .map(|a| t.get(&a.status.message_id()))
                    .unwrap_or_else(|| t.get("approval-not-requested")),
                status_class: current.map(|a| status_class(a.status)).unwrap_or("draft"),
            }
        })
        .collect();
    let can_request = can_govern
        && requirements.iter().any(|req| {
            !latest.iter().any(|a| {
                a.body == req.body
                    && matches!(a.status, ApprovalStatus::Open | ApprovalStatus::Approved)
            })
        });
    let requests = g
        .approvals
        .iter()
        .rev()
        .map(|a| RequestRow {
            id: a.id.to_string(),
            version: a.version,
            body: LangText::of(&a.body_name, l, &[Lang::En]).text,
            target: lc(a.target),
            reason: LangText::of(&a.reason, l, &[Lang::En]).text,
            requested: format!(
                "{} · {}",
                format::datetime(a.requested_at, l),
                a.requested_by_name
            ),
            note: a.note.clone().unwrap_or_default(),
            status: t.get(&a.status.message_id()),
            status_class: status_class(a.status),
            decided: match (&a.decided_at, &a.decided_by_name) {
                (Some(at), Some(by)) => format!("{} · {by}", format::datetime(*at, l)),
                _ => String::new(),
            },
            comment: a.comment.clone().unwrap_or_default(),
            minutes_ref: a.minutes_ref.clone().unwrap_or_default(),
            can_decide: g.may_decide(&staff.actor, a),
            form_comment: typed_decision(&outcome, a.id).0,
            form_minutes: typed_decision(&outcome, a.id).1,
            own_decision: a.own_decision,
        })
        .collect();

    let templates = &state.services.content().templates;
    let required = g
        .pack
        .map(|p| p.assessments_required(&g.situation))
        .unwrap_or_default();
    let mut assessments: Vec<AssessmentRow> = required
        .iter()
        .map(|req| {
            let a = g.assessment(&req.assessment);
            AssessmentRow {
                template: req.assessment.clone(),
                name: templates
                    .get(&req.assessment)
                    .map(|tp| text(&tp.title, l))
                    .unwrap_or(req.assessment.clone()),
                reason: text(&req.reason, l),
                section: text(&req.section, l),
                status: a
                    .map(|a| t.get(&a.status.message_id()))
                    .unwrap_or_else(|| t.get("assessment-not-started")),
                status_class: match a.map(|a| a.status) {
                    Some(aireg_domain::governance::AssessmentStatus::Signed) => "published",
                    _ => "draft",
                },
                signed: a
                    .and_then(|a| a.signed_at.zip(a.signed_by_name.clone()))
                    .map(|(at, by)| format!("{} · {by}", format::datetime(at, l)))
                    .unwrap_or_default(),
                href: format!(
                    "/{}/staff/systems/{}/assessments/{}",
                    l.code(),
                    s.id,
                    req.assessment
                ),
            }
        })
        .collect();
    let procurement = procurement_view(s, &g, templates, &t, l);
    let clauses = procurement_template(s, &g);
    // Assessments made without the policy asking for them are listed too (the contract
    // clauses have a section of their own).
    for a in &g.assessments {
        if !assessments.iter().any(|r| r.template == a.template_id)
            && clauses != Some(a.template_id.as_str())
        {
            assessments.push(AssessmentRow {
                template: a.template_id.clone(),
                name: templates
                    .get(&a.template_id)
                    .map(|tp| text(&tp.title, l))
                    .unwrap_or(a.template_id.clone()),
                reason: t.get("assessment-voluntary"),
                section: String::new(),
                status: t.get(&a.status.message_id()),
                status_class: "draft",
                signed: String::new(),
                href: format!(
                    "/{}/staff/systems/{}/assessments/{}",
                    l.code(),
                    s.id,
                    a.template_id
                ),
            });
        }
    }

    let transitions = g
        .targets()
        .into_iter()
        .map(|to| TransitionRow {
            to: to.as_str(),
            label: lc(to),
            missing: missing_texts(&g.missing(to), l),
        })
        .collect();

    let today = clock::now().date();
    let interval = g
        .pack
        .map(|p| p.review.system_interval_months)
        .unwrap_or(12);
    let reviews = state
        .store
        .reviews(&scope, s.id)
        .await?
        .into_iter()
        .rev()
        .map(|r| ReviewRow {
            at: format::datetime(r.reviewed_at, l),
            reviewer: r.reviewer_name,
            findings: r.findings,
            next: format::date(r.next_review, l),
        })
        .collect();
    // The newest governance events of the record's trail (edits are its version history; a
    // long-lived record's trail grows without end): one more than shown says there are more.
    let mut trail = state
        .store
        .audit_of_newest(
            &scope,
            "system",
            &s.id.to_string(),
            Some("system.update"),
            super::LIST_MAX + 1,
        )
        .await?;
    let history_more = (trail.len() > super::LIST_MAX as usize).then_some(super::LIST_MAX);
    if history_more.is_some() {
        trail.remove(0);
    }
    let history = trail
        .into_iter()
        .rev()
        .map(|e| HistoryRow {
            at: format::datetime(e.at, l),
            actor: e.actor_name.clone(),
            what: describe(&t, templates, &e),
        })
        .collect();
    render(&GovernancePage {
        c: Chrome::new(l, uri, "systems", Some(staff)),
        id: s.id.to_string(),
        name: LangText::of(&s.record.name, l, &org.languages),
        org: org.display_name(l).to_string(),
        version: s.version,
        lifecycle: lc(s.record.lifecycle),
        pack: g
            .pack
            .map(|p| (text(&p.title, l), p.version.clone(), text(&p.source, l))),
        policy_href: format!("/{}/staff/orgs/{}/policy", l.code(), org.slug),
        facts,
        approvals,
        requests,
        can_govern,
        can_request,
        assessments,
        transitions,
        next_review: s
            .record
            .next_review
            .map(|d| format::date(d, l))
            .unwrap_or_else(|| t.get("value-not-given")),
        review_overdue: s.record.next_review.is_some_and(|d| d < today),
        review_default: aireg_domain::clock::iso(add_months(today, interval)),
        review_interval: interval,
        reviews,
        history,
        history_more,
        errors: outcome.errors,
        refused: outcome.refused,
        form_note: outcome.note,
        form_findings: outcome.findings,
        nonconformities: missing_texts(&g.nonconformities(), l),
        procurement,
    })
}

/// One audit event of the record as a sentence.
fn describe(
    t: &crate::i18n::Tr,
    templates: &Templates,
    e: &aireg_domain::audit::AuditEvent,
) -> String {
    let parse = |s: &Option<String>| {
        s.as_deref()
            .and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok())
    };
    let (before, after) = (parse(&e.before), parse(&e.after));
    let after = after.as_ref();
    let field = |name: &str| {
        after
            .and_then(|a| a.get(name))
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    // The body's name as it was when asked, and the template's title, in the reader's language.
    let body = || {
        after
            .and_then(|a| a.get("body_name"))
            .and_then(|v| serde_json::from_value::<aireg_domain::Localized>(v.clone()).ok())
            .map(|n| LangText::of(&n, t.lang, &[Lang::En]).text)
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| field("body"))
    };
    let template = || {
        let id = field("template");
        templates
            .get(&id)
            .map(|tp| text(&tp.title, t.lang))
            .unwrap_or(id)
    };
    let lifecycle = |v: Option<&serde_json::Value>| {
        v.and_then(|v| v.get("lifecycle"))
            .and_then(|v| v.as_str())
            .and_then(Lifecycle::parse)
            .map(|l| t.get(&l.message_id()))
            .unwrap_or_default()
    };
    match e.action.as_str() {
        "system.transition" => t.get2(
            "history-transition",
            "from",
            lifecycle(before.as_ref()),
            "to",
            lifecycle(after),
        ),
        "approval.request" => t.get1("history-approval-request", "body", body()),
        "approval.decide" => t.get2(
            "history-approval-decide",
            "body",
            body(),
            "status",
            ApprovalStatus::parse(&field("status"))
                .map(|s| t.get(&s.message_id()))
                .unwrap_or_default(),
        ),
        "assessment.save" => t.get1("history-assessment-save", "template", template()),
        "assessment.sign" => t.get1("history-assessment-sign", "template", template()),
        other => {
            let id = format!("history-{}", other.replace('.', "-"));
            let msg = t.get(&id);
            if msg == id { other.to_string() } else { msg }
        }
    }
}

pub async fn show(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    staff: Staff,
) -> Result<Response, AppError> {
    let system = readable(&state, &staff, &id).await?;
    page(&state, lang, &uri, &staff, system, Outcome::default()).await
}

pub(super) fn page_path(lang: PageLang, system: &AiSystem) -> String {
    format!("/{}/staff/systems/{}/governance", lang.code(), system.id)
}

pub(super) async fn again(
    state: &AppState,
    lang: PageLang,
    staff: &Staff,
    id: &str,
    status: StatusCode,
    outcome: Outcome,
) -> Result<Response, AppError> {
    let system = readable(state, staff, id).await?;
    let uri: Uri = page_path(lang, &system).parse().unwrap_or_default();
    let mut res = page(state, lang, &uri, staff, system, outcome).await?;
    *res.status_mut() = status;
    Ok(res)
}

/// The page again with `errors`, for a refused post that keeps nothing else.
pub(super) async fn refuse(
    state: &AppState,
    lang: PageLang,
    staff: &Staff,
    id: &str,
    status: StatusCode,
    errors: Vec<String>,
) -> Result<Response, AppError> {
    let outcome = Outcome {
        errors,
        ..Outcome::default()
    };
    again(state, lang, staff, id, status, outcome).await
}

/// The version a form was based on; a form without one is refused rather than saved blindly.
pub fn form_version(t: &crate::i18n::Tr, value: &str) -> Result<i64, AppError> {
    value.parse().map_err(|_| AppError::BadRequest {
        field: Some("version".into()),
        detail: t.get("error-version-missing"),
    })
}

/// Moves the record through its lifecycle when the policy's gate holds.
pub async fn transition(
    State(state): State<AppState>,
    lang: PageLang,
    Path((_, id)): Path<(String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let system = readable(&state, &staff, &id).await?;
    may_govern(&staff, &system)?;
    let version = form_version(&t, form.get("version"))?;
    let Some(to) = Lifecycle::parse(form.get("to")) else {
        let errors = field_sentences(
            &t,
            &[FieldError::new(
                "lifecycle",
                Problem::InvalidChoice {
                    allowed: Lifecycle::allowed(),
                },
            )],
        );
        return refuse(
            &state,
            lang,
            &staff,
            &id,
            StatusCode::UNPROCESSABLE_ENTITY,
            errors,
        )
        .await;
    };
    let gate_refused = |texts: Vec<String>| Outcome {
        refused: Some((t.get(&to.message_id()), texts)),
        ..Outcome::default()
    };
    let outcome = match state
        .services
        .transition(&staff.actor, system.id, Some(version), to)
        .await
    {
        Ok(s) => {
            return Ok(see_other(&format!(
                "{}?done=transitioned",
                page_path(lang, &s)
            )));
        }
        Err(ServiceError::GateRefused { missing, .. }) => {
            gate_refused(missing_texts(&missing, lang.0))
        }
        Err(ServiceError::Refused(r)) => gate_refused(vec![t.get(r.message_id())]),
        Err(ServiceError::Conflict { current }) => Outcome {
            errors: vec![t.get1("conflict-reload", "version", current)],
            ..Outcome::default()
        },
        Err(e) => return Err(e.into()),
    };
    again(&state, lang, &staff, &id, StatusCode::CONFLICT, outcome).await
}

/// Records a periodic review and sets the next review date.
pub async fn review(
    State(state): State<AppState>,
    lang: PageLang,
    Path((_, id)): Path<(String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let system = readable(&state, &staff, &id).await?;
    may_govern(&staff, &system)?;
    let findings = form.get("findings").to_string();
    let next = parse_date(form.get("next_review"));
    match state
        .services
        .review_record(&staff.actor, system.id, &findings, next)
        .await
    {
        Ok(_) => Ok(see_other(&format!(
            "{}?done=reviewed",
            page_path(lang, &system)
        ))),
        Err(ServiceError::Invalid(e)) => {
            again(
                &state,
                lang,
                &staff,
                &id,
                StatusCode::UNPROCESSABLE_ENTITY,
                Outcome {
                    errors: field_sentences(&t, &e),
                    findings,
                    ..Outcome::default()
                },
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// Refuses, before the form is read, someone who may not govern the record.
pub(super) fn may_govern(staff: &Staff, system: &AiSystem) -> Result<(), AppError> {
    if can(&staff.actor, Action::GovernSystem, Resource::system(system)) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A date as `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s.trim(), &format).ok()
}

/// The contract clause checklist that fits a procured record (one naming a vendor, a shared
/// product or a procurement route): the EU model clauses for high-risk AI when its AI Act
/// outcome is high-risk, the light ones otherwise.
fn procurement_template(
    s: &aireg_domain::system::AiSystem,
    g: &aireg_service::governance::RecordGovernance<'_>,
) -> Option<&'static str> {
    let r = &s.record;
    let procured = r.vendor.is_some() || r.product.is_some() || r.procurement_route.is_some();
    let high_risk = g
        .situation
        .ai_act
        .as_ref()
        .is_some_and(|a| a.category == aireg_rules::ai_act::Category::HighRisk);
    procured.then_some(if high_risk {
        "mcc_ai_high_risk"
    } else {
        "mcc_ai_light"
    })
}

fn procurement_view(
    s: &aireg_domain::system::AiSystem,
    g: &aireg_service::governance::RecordGovernance<'_>,
    templates: &aireg_rules::assessment::Templates,
    t: &crate::i18n::Tr,
    l: Lang,
) -> Option<ProcurementView> {
    let id = procurement_template(s, g)?;
    let template = templates.get(id)?;
    let done = g.assessment(id);
    Some(ProcurementView {
        name: text(&template.title, l),
        href: format!("/{}/staff/systems/{}/assessments/{id}", l.code(), s.id),
        status: done
            .map(|a| t.get(&a.status.message_id()))
            .unwrap_or_else(|| t.get("assessment-not-started")),
        started: done.is_some(),
        gaps: done
            .map(|a| {
                template
                    .gaps_in(&a.answers)
                    .into_iter()
                    .map(|(q, chosen)| format!("{}: {}", text(&q.label, l), text(&chosen.label, l)))
                    .collect()
            })
            .unwrap_or_default(),
    })
}
