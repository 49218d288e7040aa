//! Approvals: a request to every body the policy routes a deployment to (its members told by
//! e-mail), and each body member's decision with a comment and a minutes reference. The one who
//! asked never decides (four eyes), unless the policy makes it the system owner's own decision.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use aireg_domain::governance::{ApprovalDecision, ApprovalStatus, Decision, NewApprovalRequest};
use aireg_domain::policy::{Action, ReadScope, Resource, authorize, authorize_body_decision};
use aireg_domain::system::Lifecycle;
use aireg_domain::validation::{FieldError, Problem};
use aireg_store::StoreError;

use super::governance::{Outcome, again, form_version, page_path, refuse};
use super::staff::{field_sentences, readable};
use super::{PageLang, see_other};
use crate::error::AppError;
use crate::form::StaffForm;
use crate::governance::{RecordGovernance, body_members, text};
use crate::mail::{Mail, link};
use crate::state::AppState;

/// Asks every body the policy routes the deployment to, that has not been asked yet, and tells
/// their members by e-mail.
pub async fn request(
    State(state): State<AppState>,
    lang: PageLang,
    Path((_, id)): Path<(String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let system = readable(&state, &staff, &id).await?;
    let permit = authorize(
        &staff.actor,
        Action::GovernSystem,
        Resource::system(&system),
    )
    .map_err(|_| AppError::Forbidden)?;
    let scope = ReadScope::for_actor(&staff.actor);
    let g = RecordGovernance::load(&state, &scope, system).await?;
    let Some(pack) = g.pack else {
        return refuse(
            &state,
            lang,
            &staff,
            &id,
            StatusCode::CONFLICT,
            vec![t.get("governance-no-pack")],
        )
        .await;
    };
    let latest = g.latest_requests(Lifecycle::InUse);
    let note = form.get("note").trim().to_string();
    if note.chars().count() > 5000 {
        return again(
            &state,
            lang,
            &staff,
            &id,
            StatusCode::UNPROCESSABLE_ENTITY,
            Outcome {
                errors: field_sentences(
                    &t,
                    &[FieldError::new("note", Problem::TooLong { max: 5000 })],
                ),
                note,
                ..Outcome::default()
            },
        )
        .await;
    }
    let to_ask: Vec<_> = pack
        .approvals_required(&g.situation)
        .into_iter()
        .filter(|req| {
            !latest.iter().any(|a| {
                a.body == req.body
                    && matches!(a.status, ApprovalStatus::Open | ApprovalStatus::Approved)
            })
        })
        .collect();
    if to_ask.is_empty() {
        return refuse(
            &state,
            lang,
            &staff,
            &id,
            StatusCode::CONFLICT,
            vec![t.get("approval-nothing-to-request")],
        )
        .await;
    }
    let s = &g.system;
    // Each member reads the message, the record's name and the link in their own language.
    let system_name = |l: aireg_domain::Lang| s.record.name.text(l, &[]).to_string();
    let href = |l: aireg_domain::Lang| {
        link(
            &state.config.public_url,
            &format!("/{}/staff/systems/{}/governance", l.code(), s.id),
        )
    };
    let mut requests = Vec::new();
    let mut jobs = Vec::new();
    for req in &to_ask {
        let Some(body) = pack.body(&req.body) else {
            continue;
        };
        let localized = |tx: &aireg_rules::ai_act::Text| crate::ai_act::localized(tx);
        requests.push(NewApprovalRequest {
            body: req.body.clone(),
            body_name: localized(&body.name),
            policy_id: pack.id.clone(),
            policy_version: pack.version.clone(),
            target: Lifecycle::InUse,
            reason: localized(&req.reason),
            own_decision: req.own_decision,
            note: Some(note.clone()),
        });
        for person in body_members(&state, s, body).await? {
            jobs.push(
                Mail::compose(
                    &person,
                    "approval-requested",
                    &[
                        ("system", system_name(person.language)),
                        ("body", text(&body.name, person.language)),
                        ("requester", staff.user.name.clone()),
                        ("reason", text(&req.reason, person.language)),
                        ("link", href(person.language)),
                    ],
                )
                .job(None),
            );
        }
    }
    match state
        .store
        .request_approvals(&permit, s.id, requests, jobs)
        .await
    {
        Ok(_) => Ok(see_other(&format!(
            "{}?done=approvals-requested",
            page_path(lang, s)
        ))),
        Err(StoreError::Invalid(e)) => {
            again(
                &state,
                lang,
                &staff,
                &id,
                StatusCode::UNPROCESSABLE_ENTITY,
                Outcome {
                    errors: field_sentences(&t, &e),
                    note,
                    ..Outcome::default()
                },
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// A body member's decision on a request; the requester hears of it by e-mail.
pub async fn decide(
    State(state): State<AppState>,
    lang: PageLang,
    Path((_, approval_id)): Path<(String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let scope = ReadScope::for_actor(&staff.actor);
    let approval_id: uuid::Uuid = approval_id.parse().map_err(|_| AppError::NotFound)?;
    let request = state
        .store
        .approval(&scope, approval_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let id = request.system_id.to_string();
    let system = readable(&state, &staff, &id).await?;
    let scope_g = RecordGovernance::load(&state, &scope, system).await?;
    let body = scope_g
        .pack
        .and_then(|p| p.body(&request.body))
        .ok_or(AppError::Forbidden)?;
    let facts = match Resource::system(&scope_g.system) {
        Resource::System(f) => f,
        _ => return Err(AppError::Forbidden),
    };
    let permit = authorize_body_decision(
        &staff.actor,
        Action::DecideApproval,
        facts,
        &crate::governance::membership(body),
        request.requested_by,
        request.own_decision,
    )
    .map_err(|_| AppError::Forbidden)?;
    let version = form_version(&t, form.get("version"))?;
    let Some(decision) = Decision::parse(form.get("decision")) else {
        return refuse(
            &state,
            lang,
            &staff,
            &id,
            StatusCode::UNPROCESSABLE_ENTITY,
            field_sentences(
                &t,
                &[FieldError::new(
                    "decision",
                    Problem::InvalidChoice {
                        allowed: Decision::allowed(),
                    },
                )],
            ),
        )
        .await;
    };
    let text_of = |name: &str| Some(form.get(name).to_string());
    // What the decider typed comes back with any refusal.
    let typed = Some((
        approval_id.to_string(),
        form.get("comment").to_string(),
        form.get("minutes_ref").to_string(),
    ));
    let decision = ApprovalDecision {
        decision,
        comment: text_of("comment"),
        minutes_ref: text_of("minutes_ref"),
    };
    let mut jobs = Vec::new();
    if let Some(requester) = request.requested_by
        && requester != staff.user.id
        && let Some(person) = state.store.user(requester).await?
        && !person.disabled
    {
        jobs.push(
            Mail::compose(
                &person,
                "approval-decided",
                &[
                    (
                        "system",
                        scope_g
                            .system
                            .record
                            .name
                            .text(person.language, &[])
                            .to_string(),
                    ),
                    ("body", text(&body.name, person.language)),
                    ("decider", staff.user.name.clone()),
                    (
                        "decision",
                        crate::i18n::Tr::new(person.language)
                            .get(&decision.decision.status().message_id()),
                    ),
                    ("comment", decision.comment.clone().unwrap_or_default()),
                    (
                        "link",
                        link(
                            &state.config.public_url,
                            &format!(
                                "/{}/staff/systems/{}/governance",
                                person.language.code(),
                                scope_g.system.id
                            ),
                        ),
                    ),
                ],
            )
            .job(None),
        );
    }
    match state
        .store
        .decide_approval(&permit, approval_id, version, decision, jobs)
        .await
    {
        Ok(_) => Ok(see_other(&format!(
            "{}?done=approval-decided",
            page_path(lang, &scope_g.system)
        ))),
        Err(StoreError::Invalid(e)) => {
            again(
                &state,
                lang,
                &staff,
                &id,
                StatusCode::UNPROCESSABLE_ENTITY,
                Outcome {
                    errors: field_sentences(&t, &e),
                    decision: typed,
                    ..Outcome::default()
                },
            )
            .await
        }
        Err(StoreError::Conflict { current }) => {
            again(
                &state,
                lang,
                &staff,
                &id,
                StatusCode::CONFLICT,
                Outcome {
                    errors: vec![t.get1("conflict-reload", "version", current)],
                    decision: typed,
                    ..Outcome::default()
                },
            )
            .await
        }
        Err(StoreError::Forbidden) => Err(AppError::Forbidden),
        Err(e) => Err(e.into()),
    }
}
