//! The authenticated API (bearer token): the caller's organisations' records, creating,
//! updating, publishing and withdrawing them, and their history.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use aireg_domain::org::Organisation;
use aireg_domain::policy::ReadScope;
use aireg_domain::system::{AiSystem, Lifecycle, Publication, SystemRecord};
use aireg_domain::validation::{FieldError, Problem};
use aireg_domain::{Lang, SystemId};
use aireg_service::{Refusal, ServiceError};

use super::ApiLang;
use super::dto::{
    CreateSystem, PublicationChange, SystemDto, SystemList, TransitionRequest, UpdateSystem,
    VersionDto, history,
};
use super::json::{ApiJson, OptionalJson};
use crate::auth::ApiCaller;
use crate::error::{AppError, ProblemDocument};
use crate::form::FormData;
use crate::listing::{ListQuery, api_number};
use crate::state::AppState;

/// Errors about the record carry the `record.` prefix of the request body.
fn in_record(e: ServiceError) -> AppError {
    match e {
        ServiceError::Invalid(errors) => AppError::Invalid(
            errors
                .into_iter()
                .map(|f| FieldError::new(format!("record.{}", f.field), f.problem))
                .collect(),
        ),
        other => other.into(),
    }
}

async fn readable(state: &AppState, caller: &ApiCaller, id: &str) -> Result<AiSystem, AppError> {
    let id: SystemId = id.parse().map_err(|_| AppError::NotFound)?;
    Ok(state.services.readable(&caller.actor, id).await?)
}

async fn org_of(state: &AppState, s: &AiSystem) -> Result<Organisation, AppError> {
    Ok(state.services.organisation_of(s).await?)
}

/// Records of the caller's organisations, drafts included.
#[utoipa::path(
    get,
    path = "/api/v1/systems",
    tag = "systems",
    security(("bearer" = [])),
    params(
        ("page" = Option<u32>, Query, minimum = 1, maximum = 2147483647, description = "Page, from 1"),
        ("per_page" = Option<u32>, Query, minimum = 1, maximum = 100, description = "Records per page, 1 to 100"),
        ("org" = Option<String>, Query, description = "Organisation slug or id"),
        ("status" = Option<String>, Query, description = "Life-cycle status: idea, planning, procurement, development, pilot, in_use, suspended or retired; empty for any"),
        ("publication" = Option<String>, Query, description = "draft, published or withdrawn; empty for any"),
        super::ListSearch,
    ),
    responses(
        (status = 200, body = SystemList),
        (status = 400, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 401, body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiLang(lang): ApiLang,
    uri: Uri,
) -> Result<Json<SystemList>, AppError> {
    let q = FormData::parse(uri.query().unwrap_or("").as_bytes());
    let orgs = state.store.organisations().await?;
    let query = ListQuery::parse_api(&q, &orgs)?;
    let tree = state.store.org_tree().await?;
    let scope = ReadScope::for_actor(&caller.actor);
    let page = query.read(&state, &scope, &tree).await?;
    let runs = crate::ai_act::current_runs(&state, &scope, &page.items).await?;
    // What the page's records in use lack, read for the whole page at once.
    let lacking = state.services.nonconforming(&scope, &page.items).await?;
    let items = page
        .items
        .into_iter()
        .filter_map(|s| {
            let org = orgs.iter().find(|o| o.id == s.org_id)?;
            let deployed = s.record.lifecycle.is_deployment();
            let missing = lacking
                .iter()
                .find(|(id, _)| *id == s.id)
                .map(|(_, m)| m.as_slice())
                .unwrap_or_default();
            Some(
                SystemDto::full(s, org)
                    .with_classification(&state.services.content().ai_act, &runs)
                    .with_missing(deployed, missing, lang),
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

/// Creates a draft record in one of the caller's organisations.
#[utoipa::path(
    post,
    path = "/api/v1/systems",
    tag = "systems",
    security(("bearer" = [])),
    request_body = CreateSystem,
    responses(
        (status = 201, description = "Created; Location names the new record", body = SystemDto),
        (status = 400, description = "The body is not JSON", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 401, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 403, description = "The caller may not create records in this organisation", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 409, description = "A record asked for in a later state than a first one, whose move there the policy's gate refuses (`missing` lists what it needs); nothing is created", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 415, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 422, description = "A field is wrong; `errors` names it", body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<CreateSystem>,
) -> Result<Response, AppError> {
    let org = find_org(&state, &body.organisation).await?;
    // A record asked for in a later state moves there through the policy's gate as it is
    // created; the gate refusing creates nothing.
    let s = state
        .services
        .create_record(&caller.actor, org.id, body.record.into())
        .await
        .map_err(in_record)?;
    let location = format!("/api/v1/systems/{}", s.id);
    let mut res = (StatusCode::CREATED, Json(SystemDto::full(s, &org))).into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}

async fn find_org(state: &AppState, key: &str) -> Result<Organisation, AppError> {
    let key = key.trim();
    let found = match key.parse() {
        Ok(id) => state.store.organisation(id).await?,
        Err(_) => state.store.organisation_by_slug(key).await?,
    };
    found.ok_or_else(|| {
        AppError::Invalid(vec![FieldError::new(
            "organisation",
            Problem::UnknownReference,
        )])
    })
}

/// One record of the caller's organisations.
#[utoipa::path(
    get,
    path = "/api/v1/systems/{id}",
    tag = "systems",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The record's id")),
    responses(
        (status = 200, body = SystemDto),
        (status = 401, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 404, description = "No such record in the caller's organisations", body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiLang(lang): ApiLang,
    Path(id): Path<String>,
) -> Result<Json<SystemDto>, AppError> {
    let s = readable(&state, &caller, &id).await?;
    let org = org_of(&state, &s).await?;
    Ok(Json(
        dto_with_governance(&state, &caller, s, &org, lang).await?,
    ))
}

/// The whole record with its classification and, piloted or in use, its compliance.
async fn dto_with_governance(
    state: &AppState,
    caller: &ApiCaller,
    s: AiSystem,
    org: &Organisation,
    lang: Lang,
) -> Result<SystemDto, AppError> {
    let g = state
        .services
        .governance(&ReadScope::for_actor(&caller.actor), s.clone())
        .await?;
    Ok(SystemDto::full(s, org)
        .with_classification(
            &state.services.content().ai_act,
            g.classification.as_slice(),
        )
        .with_compliance(&g, lang))
}

/// Saves a new version of a record.
#[utoipa::path(
    put,
    path = "/api/v1/systems/{id}",
    tag = "systems",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The record's id")),
    request_body = UpdateSystem,
    responses(
        (status = 200, body = SystemDto),
        (status = 400, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 401, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 403, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 404, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 409, description = "Someone saved a newer version; `current_version` says which", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 415, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 422, body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiLang(lang): ApiLang,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UpdateSystem>,
) -> Result<Json<SystemDto>, AppError> {
    let s = readable(&state, &caller, &id).await?;
    let org = org_of(&state, &s).await?;
    // A field the request leaves out of `visibility` keeps the visibility it has: a client
    // that does not know of a field must never make it public by omission.
    let mut record: SystemRecord = body.record.into();
    for (field, v) in &s.record.visibility {
        record.visibility.entry(*field).or_insert(*v);
    }
    // A new lifecycle state is a move through the policy's gate, judged on the record as it
    // will be, in the same transaction as the save; refused, nothing is saved.
    let updated = state
        .services
        .update_record(&caller.actor, s.id, body.version, record)
        .await
        .map_err(|e| match e {
            ServiceError::Refused(Refusal::NotAMove { .. }) => {
                AppError::Invalid(vec![FieldError::new(
                    "record.lifecycle",
                    Problem::UseTransition,
                )])
            }
            other => in_record(other),
        })?;
    Ok(Json(
        dto_with_governance(&state, &caller, updated, &org, lang).await?,
    ))
}

/// Publishes a record in the public register.
#[utoipa::path(
    post,
    path = "/api/v1/systems/{id}/publish",
    tag = "systems",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The record's id")),
    request_body(content = Option<PublicationChange>, description = "Optional"),
    responses(
        (status = 200, body = SystemDto),
        (status = 400, description = "The body is not JSON", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 415, description = "The body is not sent as application/json", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 401, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 403, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 404, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 409, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 422, description = "What a published record needs is missing; `errors` lists it", body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn publish(
    state: State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    OptionalJson(body): OptionalJson<PublicationChange>,
) -> Result<Json<SystemDto>, AppError> {
    set_publication(
        state,
        caller,
        id,
        body.unwrap_or_default(),
        Publication::Published,
    )
    .await
}

/// Withdraws a record from the public register.
#[utoipa::path(
    post,
    path = "/api/v1/systems/{id}/withdraw",
    tag = "systems",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The record's id")),
    request_body(content = Option<PublicationChange>, description = "Optional"),
    responses(
        (status = 200, body = SystemDto),
        (status = 400, description = "The body is not JSON", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 415, description = "The body is not sent as application/json", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 401, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 403, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 404, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 409, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 422, description = "The body is not a publication change (`errors` names the field)", body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn withdraw(
    state: State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    OptionalJson(body): OptionalJson<PublicationChange>,
) -> Result<Json<SystemDto>, AppError> {
    set_publication(
        state,
        caller,
        id,
        body.unwrap_or_default(),
        Publication::Withdrawn,
    )
    .await
}

async fn set_publication(
    State(state): State<AppState>,
    caller: ApiCaller,
    id: String,
    body: PublicationChange,
    publication: Publication,
) -> Result<Json<SystemDto>, AppError> {
    let s = readable(&state, &caller, &id).await?;
    let org = org_of(&state, &s).await?;
    let updated = state
        .services
        .set_publication(&caller.actor, s.id, body.version, publication)
        .await
        .map_err(in_record)?;
    Ok(Json(SystemDto::full(updated, &org)))
}

/// Moves a record to another lifecycle state. The organisation's policy decides what the move
/// needs (approvals, signed assessments, named owners, the AI Act classification, the EU
/// database registration); until all of it is there the move is refused with 409 and a
/// `missing` list naming each item in the caller's language.
#[utoipa::path(
    post,
    path = "/api/v1/systems/{id}/transitions",
    tag = "systems",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The record's id")),
    request_body = TransitionRequest,
    responses(
        (status = 200, body = SystemDto),
        (status = 400, description = "The body is not JSON", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 415, description = "The body is not sent as application/json", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 401, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 403, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 404, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 409, description = "The policy's gate refuses the move (`missing` lists what it needs) or a newer version exists (`current_version`)", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 422, body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn transition(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<TransitionRequest>,
) -> Result<Json<SystemDto>, AppError> {
    let s = readable(&state, &caller, &id).await?;
    let Some(to) = Lifecycle::parse(&body.to) else {
        return Err(AppError::Invalid(vec![FieldError::new(
            "to",
            Problem::InvalidChoice {
                allowed: Lifecycle::allowed(),
            },
        )]));
    };
    let org = org_of(&state, &s).await?;
    let updated = state
        .services
        .transition(&caller.actor, s.id, body.version, to)
        .await
        .map_err(|e| match e {
            ServiceError::Refused(Refusal::NotAMove { allowed }) => {
                AppError::Invalid(vec![FieldError::new(
                    "to",
                    Problem::InvalidChoice {
                        allowed: allowed.iter().map(|l| l.as_str().to_string()).collect(),
                    },
                )])
            }
            other => other.into(),
        })?;
    Ok(Json(SystemDto::full(updated, &org)))
}

/// The most versions of a record one answer gives.
const HISTORY_PER_PAGE: u32 = 100;

/// A record's versions, oldest first, each with what it changed, a page at a time.
///
/// At most `per_page` versions after version `after`; when more follow, the `Link` header
/// names the next page.
#[utoipa::path(
    get,
    path = "/api/v1/systems/{id}/history",
    tag = "systems",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The record's id"),
        ("after" = Option<u32>, Query, minimum = 0, maximum = 2147483647, description = "Only the versions after this one (the next page's `after` is the last version of this page)"),
        ("per_page" = Option<u32>, Query, minimum = 1, maximum = 100, description = "Versions per page, 1 to 100; 100 if left out"),
    ),
    responses(
        (status = 200, body = Vec<VersionDto>, headers(
            ("Link" = String, description = "When more versions follow: `<…/history?after=N&per_page=M>; rel=\"next\"`"),
        )),
        (status = 400, description = "`after` or `per_page` is not a whole number in range", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 401, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 404, body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn history_of(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    uri: Uri,
) -> Result<Response, AppError> {
    let q = FormData::parse(uri.query().unwrap_or("").as_bytes());
    let after = api_number(&q, "after", 0, i32::MAX.unsigned_abs())?.unwrap_or(0);
    let per_page = api_number(&q, "per_page", 1, HISTORY_PER_PAGE)?.unwrap_or(HISTORY_PER_PAGE);
    let s = readable(&state, &caller, &id).await?;
    // Read from version `after` itself: what the first shown changed is told against it. One
    // more than the page tells whether another follows.
    let mut versions = state
        .store
        .system_history_from(
            &ReadScope::for_actor(&caller.actor),
            s.id,
            i64::from(after),
            per_page + 2,
        )
        .await?;
    let base = match versions.first() {
        Some(v) if after > 0 && v.version == i64::from(after) => Some(versions.remove(0)),
        _ => None,
    };
    let more = versions.len() > per_page as usize;
    versions.truncate(per_page as usize);
    let next = versions.last().filter(|_| more).map(|last| {
        format!(
            "</api/v1/systems/{}/history?after={}&per_page={per_page}>; rel=\"next\"",
            s.id, last.version
        )
    });
    let mut res = Json(history(base, versions)).into_response();
    if let Some(link) = next.and_then(|l| HeaderValue::from_str(&l).ok()) {
        res.headers_mut().insert(header::LINK, link);
    }
    Ok(res)
}
