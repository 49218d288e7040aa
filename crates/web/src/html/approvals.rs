//! Approvals on a record's governance page: asking every body the policy routes the deployment
//! to, and a body member's decision (`aireg_service::approvals`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use aireg_domain::governance::{ApprovalDecision, Decision};
use aireg_domain::validation::{FieldError, Problem};
use aireg_service::ServiceError;

use super::governance::{Outcome, again, form_version, page_path, refuse};
use super::staff::{field_sentences, readable};
use super::{PageLang, see_other};
use crate::error::AppError;
use crate::form::StaffForm;
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
    let note = form.get("note").trim().to_string();
    match state
        .services
        .request_approvals(&staff.actor, system.id, &note)
        .await
    {
        Ok(_) => Ok(see_other(&format!(
            "{}?done=approvals-requested",
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
                    note,
                    ..Outcome::default()
                },
            )
            .await
        }
        Err(ServiceError::Refused(r)) => {
            refuse(
                &state,
                lang,
                &staff,
                &id,
                StatusCode::CONFLICT,
                vec![t.get(r.message_id())],
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
    let approval_id: uuid::Uuid = approval_id.parse().map_err(|_| AppError::NotFound)?;
    let request = state
        .store
        .approval(
            &aireg_domain::policy::ReadScope::for_actor(&staff.actor),
            approval_id,
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let id = request.system_id.to_string();
    let system = readable(&state, &staff, &id).await?;
    let version = form_version(&t, form.get("version"))?;
    // What the decider typed comes back with any refusal.
    let typed = Some((
        approval_id.to_string(),
        form.get("comment").to_string(),
        form.get("minutes_ref").to_string(),
    ));
    let Some(decision) = Decision::parse(form.get("decision")) else {
        let errors = field_sentences(
            &t,
            &[FieldError::new(
                "decision",
                Problem::InvalidChoice {
                    allowed: Decision::allowed(),
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
    let text_of = |name: &str| Some(form.get(name).to_string());
    let decision = ApprovalDecision {
        decision,
        comment: text_of("comment"),
        minutes_ref: text_of("minutes_ref"),
    };
    let refused = |errors: Vec<String>, status: StatusCode| {
        let (state, staff, id, typed) = (&state, &staff, &id, typed.clone());
        async move {
            let outcome = Outcome {
                errors,
                decision: typed,
                ..Outcome::default()
            };
            again(state, lang, staff, id, status, outcome).await
        }
    };
    match state
        .services
        .decide_approval(&staff.actor, approval_id, version, decision)
        .await
    {
        Ok(_) => Ok(see_other(&format!(
            "{}?done=approval-decided",
            page_path(lang, &system)
        ))),
        Err(ServiceError::Invalid(e)) => {
            refused(field_sentences(&t, &e), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(ServiceError::Conflict { current }) => {
            refused(
                vec![t.get1("conflict-reload", "version", current)],
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
