//! The authenticated API (bearer token): the caller's organisations' records, creating,
//! updating, publishing and withdrawing them, and their history.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use aireg_domain::SystemId;
use aireg_domain::org::Organisation;
use aireg_domain::policy::{Action, ReadScope, Resource, authorize};
use aireg_domain::system::{AiSystem, Lifecycle, Publication};
use aireg_domain::validation::{FieldError, Problem};
use aireg_store::StoreError;

use super::dto::{
    CreateSystem, PublicationChange, SystemDto, SystemList, TransitionRequest, UpdateSystem,
    VersionDto, history,
};
use super::json::{ApiJson, OptionalJson};
use crate::auth::ApiCaller;
use crate::error::{AppError, ProblemDocument};
use crate::form::FormData;
use crate::governance::RecordGovernance;
use crate::listing::ListQuery;
use crate::state::AppState;

/// Errors about the record carry the `record.` prefix of the request body.
fn in_record(e: StoreError) -> AppError {
    match e {
        StoreError::Invalid(errors) => AppError::Invalid(
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
    state
        .store
        .system(&ReadScope::for_actor(&caller.actor), id)
        .await?
        .ok_or(AppError::NotFound)
}

async fn org_of(state: &AppState, s: &AiSystem) -> Result<Organisation, AppError> {
    state
        .store
        .organisation(s.org_id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("record {} has no organisation", s.id)))
}

/// Records of the caller's organisations, drafts included.
#[utoipa::path(
    get,
    path = "/api/v1/systems",
    tag = "systems",
    security(("bearer" = [])),
    params(
        ("page" = Option<u32>, Query, description = "Page, from 1"),
        ("per_page" = Option<u32>, Query, description = "Records per page, 1 to 100"),
        ("org" = Option<String>, Query, description = "Organisation slug or id"),
        ("status" = Option<String>, Query, description = "Life-cycle status"),
        ("publication" = Option<String>, Query, description = "draft, published or withdrawn"),
        ("q" = Option<String>, Query, description = "Text to find"),
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
    uri: Uri,
) -> Result<Json<SystemList>, AppError> {
    let q = FormData::parse(uri.query().unwrap_or("").as_bytes());
    let orgs = state.store.organisations().await?;
    let query = ListQuery::parse(&q, &orgs)?;
    let tree = state.store.org_tree().await?;
    let page = state
        .store
        .systems(
            &ReadScope::for_actor(&caller.actor),
            &query.filter(&tree),
            query.page_request(),
        )
        .await?;
    let runs =
        crate::ai_act::current_runs(&state, &ReadScope::for_actor(&caller.actor), &page.items)
            .await?;
    let items = page
        .items
        .into_iter()
        .filter_map(|s| {
            let org = orgs.iter().find(|o| o.id == s.org_id)?;
            Some(SystemDto::full(s, org).with_classification(&runs))
        })
        .collect();
    Ok(Json(SystemList {
        items,
        total: page.total,
        page: page.request.page,
        per_page: page.request.per_page,
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
    let permit = authorize(&caller.actor, Action::CreateSystem, Resource::Org(org.id))
        .map_err(|_| AppError::Forbidden)?;
    // A record asked for in a later state starts in planning and moves there through the
    // policy's gate, as any move does; the gate refusing creates nothing.
    let mut record = body.record;
    let wanted = record.lifecycle;
    if !wanted.is_initial() {
        record.lifecycle = Lifecycle::Planning;
        let now = aireg_domain::clock::now();
        let new = AiSystem {
            id: SystemId::new(),
            org_id: org.id,
            version: 0,
            publication: Publication::Draft,
            record: record.clone(),
            created_at: now,
            updated_at: now,
            first_published_at: None,
        };
        gate(&RecordGovernance::of_new(&state, new).await?, wanted)?;
    }
    let mut s = state
        .store
        .create_system(&permit, record)
        .await
        .map_err(in_record)?;
    if wanted != s.record.lifecycle {
        s = move_to(&state, &caller, s, wanted).await?;
    }
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
    Path(id): Path<String>,
) -> Result<Json<SystemDto>, AppError> {
    let s = readable(&state, &caller, &id).await?;
    let org = org_of(&state, &s).await?;
    let runs = state
        .store
        .current_classifications(&ReadScope::for_actor(&caller.actor), Some(&[s.id]))
        .await?;
    Ok(Json(SystemDto::full(s, &org).with_classification(&runs)))
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
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UpdateSystem>,
) -> Result<Json<SystemDto>, AppError> {
    let s = readable(&state, &caller, &id).await?;
    let permit = authorize(&caller.actor, Action::EditSystem, Resource::system(&s))
        .map_err(|_| AppError::Forbidden)?;
    let org = org_of(&state, &s).await?;
    // A field the request leaves out of `visibility` keeps the visibility it has: a client
    // that does not know of a field must never make it public by omission.
    let mut record = body.record;
    for (field, v) in &s.record.visibility {
        record.visibility.entry(*field).or_insert(*v);
    }
    // A new lifecycle state is a move through the policy's gate, judged on the record as it
    // will be; refused, nothing is saved.
    let wanted = record.lifecycle;
    record.lifecycle = s.record.lifecycle;
    if wanted != s.record.lifecycle {
        let as_it_will_be = AiSystem {
            record: record.clone(),
            ..s.clone()
        };
        let scope = ReadScope::for_actor(&caller.actor);
        gate(
            &RecordGovernance::load(&state, &scope, as_it_will_be).await?,
            wanted,
        )?;
    }
    let mut updated = state
        .store
        .update_system(&permit, s.id, body.version, record)
        .await
        .map_err(in_record)?;
    if wanted != updated.record.lifecycle {
        updated = move_to(&state, &caller, updated, wanted).await?;
    }
    Ok(Json(SystemDto::full(updated, &org)))
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
        (status = 401, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 403, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 404, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 409, body = ProblemDocument, content_type = "application/problem+json"),
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
    let permit = authorize(&caller.actor, Action::PublishSystem, Resource::system(&s))
        .map_err(|_| AppError::Forbidden)?;
    let org = org_of(&state, &s).await?;
    let updated = state
        .store
        .set_publication(&permit, s.id, body.version, publication)
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
    let permit = authorize(&caller.actor, Action::GovernSystem, Resource::system(&s))
        .map_err(|_| AppError::Forbidden)?;
    let Some(to) = Lifecycle::parse(&body.to) else {
        return Err(AppError::Invalid(vec![FieldError::new(
            "to",
            Problem::InvalidChoice {
                allowed: Lifecycle::allowed(),
            },
        )]));
    };
    let org = org_of(&state, &s).await?;
    let g = RecordGovernance::load(&state, &ReadScope::for_actor(&caller.actor), s).await?;
    if !g.targets().contains(&to) && g.system.record.lifecycle != to {
        return Err(AppError::Invalid(vec![FieldError::new(
            "to",
            Problem::InvalidChoice {
                allowed: g.targets().iter().map(|l| l.as_str().to_string()).collect(),
            },
        )]));
    }
    gate(&g, to)?;
    let updated = state
        .store
        .transition_system(&permit, g.system.id, body.version, to, Vec::new())
        .await?;
    Ok(Json(SystemDto::full(updated, &org)))
}

/// Refuses a move the policy's gate does not allow yet, naming what is missing.
fn gate(g: &RecordGovernance, to: Lifecycle) -> Result<(), AppError> {
    if g.system.record.lifecycle == Lifecycle::Retired && to != Lifecycle::Retired {
        return Err(AppError::Invalid(vec![FieldError::new(
            "record.lifecycle",
            Problem::UseTransition,
        )]));
    }
    let missing = g.missing(to);
    if missing.is_empty() {
        Ok(())
    } else {
        Err(AppError::GateRefused {
            to: to.as_str().into(),
            missing,
        })
    }
}

/// Moves a just-saved record to the state its request asked for (the gate was checked).
async fn move_to(
    state: &AppState,
    caller: &ApiCaller,
    s: AiSystem,
    to: Lifecycle,
) -> Result<AiSystem, AppError> {
    let permit = authorize(&caller.actor, Action::GovernSystem, Resource::system(&s))
        .map_err(|_| AppError::Forbidden)?;
    Ok(state
        .store
        .transition_system(&permit, s.id, Some(s.version), to, Vec::new())
        .await?)
}

/// Every version of a record, oldest first, with what each changed.
#[utoipa::path(
    get,
    path = "/api/v1/systems/{id}/history",
    tag = "systems",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The record's id")),
    responses(
        (status = 200, body = Vec<VersionDto>),
        (status = 401, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 404, body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn history_of(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<Vec<VersionDto>>, AppError> {
    let s = readable(&state, &caller, &id).await?;
    let versions = state
        .store
        .system_history(&ReadScope::for_actor(&caller.actor), s.id)
        .await?;
    Ok(Json(history(versions)))
}
