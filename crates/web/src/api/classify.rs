//! The AI Act classifier over the API: stateless (`POST /api/v1/classify`), and stored runs of
//! a record.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use aireg_domain::classification::{ClassificationRun, RunSource};
use aireg_domain::policy::ReadScope;
use aireg_domain::validation::{FieldError, Problem};
use aireg_rules::ai_act::{Facts, Outcome};

use super::json::ApiJson;
use crate::auth::ApiCaller;
use crate::error::{AppError, ProblemDocument};
use crate::state::AppState;

/// Facts that do not fit the vocabulary: the problem names the key.
fn facts_from(v: &Value, prefix: &str) -> Result<Facts, AppError> {
    Facts::from_json(v).map_err(|e| {
        AppError::Invalid(vec![FieldError::new(
            format!("{prefix}{}", e.key),
            Problem::Unreadable { detail: e.message },
        )])
    })
}

/// The outcome of the EU AI Act classification (see `content/ai-act/README.md`).
#[derive(Serialize, ToSchema)]
#[schema(value_type = Object)]
pub struct OutcomeDoc(pub Outcome);

/// Classifies an AI system under the EU AI Act from its facts. Nothing is stored.
#[utoipa::path(
    post,
    path = "/api/v1/classify",
    tag = "ai-act",
    request_body(content = Object, description = "Facts: a JSON object in the vocabulary of content/ai-act/README.md, e.g. {\"ai_system\": true, \"roles\": [\"deployer\"], \"annex_iii\": \"5a\"}"),
    responses(
        (status = 200, description = "The outcome: category, route, transparency, FRIA, registration, dated obligations and an explanation", body = OutcomeDoc),
        (status = 400, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 415, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 422, description = "An unknown key or value; `errors` names the key", body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn classify(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<Value>,
) -> Result<Json<Outcome>, AppError> {
    let facts = facts_from(&body, "")?;
    Ok(Json(state.services.content().ai_act.classify(&facts)))
}

/// A stored classification run.
#[derive(Serialize, ToSchema)]
pub struct RunDto {
    pub id: String,
    pub pack_version: String,
    /// `questionnaire`, `api` or `pack_update`.
    pub source: RunSource,
    #[schema(value_type = Object)]
    pub facts: Value,
    #[schema(value_type = Object)]
    pub outcome: Value,
    #[schema(value_type = Object)]
    pub answers: std::collections::BTreeMap<String, Value>,
    pub justifications: std::collections::BTreeMap<String, String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: time::OffsetDateTime,
    pub created_by_name: String,
}

impl From<ClassificationRun> for RunDto {
    fn from(r: ClassificationRun) -> Self {
        RunDto {
            id: r.id.to_string(),
            pack_version: r.pack_version,
            source: r.source,
            facts: r.facts,
            outcome: r.outcome,
            answers: r.answers,
            justifications: r.justifications,
            created_at: r.created_at,
            created_by_name: r.created_by_name,
        }
    }
}

/// Facts for a stored classification.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRun {
    #[schema(value_type = Object)]
    pub facts: Value,
    /// Why these facts: kept with the run.
    #[serde(default)]
    pub justification: Option<String>,
}

/// A record's classification runs, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/systems/{id}/classifications",
    tag = "ai-act",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The record's id")),
    responses(
        (status = 200, body = Vec<RunDto>),
        (status = 401, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 404, body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn runs(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<Vec<RunDto>>, AppError> {
    let id = id.parse().map_err(|_| AppError::NotFound)?;
    let runs = state
        .store
        .classification_runs(&ReadScope::for_actor(&caller.actor), id)
        .await?;
    Ok(Json(runs.into_iter().map(RunDto::from).collect()))
}

/// Classifies a record from facts and stores the run; the record's tracked obligations follow.
#[utoipa::path(
    post,
    path = "/api/v1/systems/{id}/classifications",
    tag = "ai-act",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The record's id")),
    request_body = NewRun,
    responses(
        (status = 201, body = RunDto),
        (status = 400, description = "The body is not JSON", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 415, description = "The body is not sent as application/json", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 401, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 403, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 404, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 422, description = "Unknown facts, or facts still missing for a complete outcome (`errors` names them)", body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn create_run(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewRun>,
) -> Result<Response, AppError> {
    let id = id.parse().map_err(|_| AppError::NotFound)?;
    let facts = facts_from(&body.facts, "facts.")?;
    let mut justifications = std::collections::BTreeMap::new();
    if let Some(j) = body.justification.filter(|j| !j.trim().is_empty()) {
        justifications.insert("facts".to_string(), j);
    }
    let run = state
        .services
        .classify_record(
            &caller.actor,
            id,
            &facts,
            Default::default(),
            justifications,
            RunSource::Api,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(RunDto::from(run))).into_response())
}
