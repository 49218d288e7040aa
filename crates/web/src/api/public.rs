//! The public API: published records, public fields only, no token needed.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::Uri;

use aireg_domain::audit::Checkpoint;
use aireg_domain::policy::ReadScope;
use aireg_domain::{Lang, SystemId};
use aireg_service::audit::MAX_CHECKPOINTS;

use super::dto::{SystemDto, SystemList};
use crate::error::{AppError, ProblemDocument};
use crate::form::FormData;
use crate::listing::ListQuery;
use crate::state::AppState;

fn lang_param(q: &FormData) -> Result<Option<Lang>, AppError> {
    match q.get("lang").trim() {
        "" => Ok(None),
        v => Lang::parse(v)
            .map(Some)
            .ok_or_else(|| AppError::BadRequest {
                field: Some("lang".into()),
                detail: format!("lang: {v:?} is not a language; use fi, sv or en"),
            }),
    }
}

/// Published records across organisations.
#[utoipa::path(
    get,
    path = "/api/v1/public/systems",
    tag = "public",
    params(
        ("page" = Option<u32>, Query, minimum = 1, maximum = 2147483647, description = "Page, from 1"),
        ("per_page" = Option<u32>, Query, minimum = 1, maximum = 100, description = "Records per page, 1 to 100 (default 20)"),
        ("org" = Option<String>, Query, description = "Organisation slug or id; a region includes its members"),
        ("status" = Option<String>, Query, description = "Life-cycle status: idea, planning, procurement, development, pilot, in_use, suspended or retired; empty for any"),
        super::ListSearch,
        ("lang" = Option<String>, Query, description = "fi, sv or en: reduce each text to its best value in this language; empty for all"),
    ),
    responses(
        (status = 200, description = "A page of published records", body = SystemList),
        (status = 400, description = "A query parameter is wrong", body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn list_systems(
    State(state): State<AppState>,
    uri: Uri,
) -> Result<Json<SystemList>, AppError> {
    let q = FormData::parse(uri.query().unwrap_or("").as_bytes());
    let orgs = state.store.organisations().await?;
    let query = ListQuery::parse_api(&q, &orgs)?;
    if query.publication.is_some() {
        return Err(AppError::BadRequest {
            field: Some("publication".into()),
            detail: "publication: the public register lists published records only".into(),
        });
    }
    let lang = lang_param(&q)?;
    let tree = state.store.org_tree().await?;
    let page = query.read(&state, &ReadScope::public(), &tree).await?;
    let runs = crate::ai_act::current_runs(&state, &ReadScope::public(), &page.items).await?;
    let items = page
        .items
        .into_iter()
        .filter_map(|s| {
            let org = orgs.iter().find(|o| o.id == s.org_id)?;
            Some(
                SystemDto::public(s, org, lang)
                    .with_classification(&state.services.content().ai_act, &runs),
            )
        })
        .collect();
    Ok(Json(SystemList {
        items,
        total: page.total,
        page: page.page,
        per_page: query.per_page,
        next_cursor: page.next_cursor,
    }))
}

/// One published record.
#[utoipa::path(
    get,
    path = "/api/v1/public/systems/{id}",
    tag = "public",
    params(
        ("id" = String, Path, description = "The record's id"),
        ("lang" = Option<String>, Query, description = "fi, sv or en; empty for all"),
    ),
    responses(
        (status = 200, description = "The record's public fields", body = SystemDto),
        (status = 400, description = "A query parameter is wrong", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 404, description = "No published record with this id", body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn get_system(
    State(state): State<AppState>,
    Path(id): Path<String>,
    uri: Uri,
) -> Result<Json<SystemDto>, AppError> {
    let q = FormData::parse(uri.query().unwrap_or("").as_bytes());
    let lang = lang_param(&q)?;
    let id: SystemId = id.parse().map_err(|_| AppError::NotFound)?;
    let s = state
        .store
        .system(&ReadScope::public(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let org = state
        .store
        .organisation(s.org_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let runs = state
        .store
        .current_classifications(&ReadScope::public(), Some(&[s.id]))
        .await?;
    Ok(Json(SystemDto::public(s, &org, lang).with_classification(
        &state.services.content().ai_act,
        &runs,
    )))
}

/// A page of the audit chain's signed checkpoints.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct CheckpointFeed {
    /// Newest first. Each is signed with Ed25519 over its format, `seq`, `hash` and `at`, one
    /// per line; keep copies, and check the register with `aireg audit verify --checkpoint`.
    pub items: Vec<Checkpoint>,
    /// The `before` of the next (older) page, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_before: Option<i64>,
}

/// The audit chain's signed checkpoints: each vouches that the register's audit chain held
/// `seq` events ending in `hash` at `at`. Kept by residents and auditors, they show any later
/// truncation or rewriting of the chain.
#[utoipa::path(
    get,
    path = "/api/v1/public/audit/checkpoints",
    tag = "public",
    params(
        ("before" = Option<i64>, Query, minimum = 1, description = "Only checkpoints of heads before this event number (the next page)"),
        ("limit" = Option<i64>, Query, minimum = 1, maximum = 100, description = "At most this many (default 100)"),
    ),
    responses(
        (status = 200, description = "Checkpoints, newest first", body = CheckpointFeed),
        (status = 400, description = "A query parameter is wrong", body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn checkpoints(
    State(state): State<AppState>,
    uri: Uri,
) -> Result<Json<CheckpointFeed>, AppError> {
    let q = FormData::parse(uri.query().unwrap_or("").as_bytes());
    let number = |name: &str, max: i64| -> Result<Option<i64>, AppError> {
        if !q.has(name) {
            return Ok(None);
        }
        let v = q.get(name).trim();
        v.parse::<i64>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .map(Some)
            .ok_or_else(|| AppError::BadRequest {
                field: Some(name.into()),
                detail: format!("{name}: {v:?} is not a whole number from 1 to {max}"),
            })
    };
    let before = number("before", i64::MAX)?;
    let limit = number("limit", MAX_CHECKPOINTS)?.unwrap_or(MAX_CHECKPOINTS);
    let items = state.services.checkpoint_feed(before, limit).await?;
    let next_before = (items.len() as i64 == limit)
        .then(|| items.last().map(|c| c.seq))
        .flatten();
    Ok(Json(CheckpointFeed { items, next_before }))
}
