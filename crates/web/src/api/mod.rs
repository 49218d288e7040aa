//! The JSON API under `/api/v1`, described by the OpenAPI 3.1 document the routes themselves
//! produce (a route cannot be documented without being mounted, or mounted undocumented).
//! Errors are problem documents, put in the caller's language with the request's id by the
//! request-id layer in front of every route (`crate::app`).

use std::sync::OnceLock;

use axum::Json;
use axum::Router;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

mod classify;
pub mod dto;
pub mod json;
pub(crate) mod opendata;
mod public;
mod record;
mod systems;
pub(crate) mod usage;

/// The search words, facets and cursor of the record lists (`/api/v1/public/systems` and
/// `/api/v1/systems`), documented once.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Documents the lists' parameters; `listing::ListQuery` reads them.
pub struct ListSearch {
    /// Search words: every word must match; Finnish, Swedish and English word forms and
    /// compound parts are found, and product and vendor names. With words the list is ordered
    /// by relevance
    q: Option<String>,
    /// AI Act category of the current classification: not_ai, excluded, prohibited, high_risk,
    /// limited, minimal, gpai_model or incomplete; empty for any
    category: Option<String>,
    /// Area of public services (a COFOG division): general_public_services, defence,
    /// public_order_and_safety, economic_affairs, environmental_protection,
    /// housing_and_community_amenities, health, recreation_culture_and_religion, education or
    /// social_protection; empty for any
    theme: Option<String>,
    /// yes or no: whether the record says it processes personal data; empty for either
    personal_data: Option<String>,
    /// yes or no: whether the record says the system takes part in decisions on persons; empty
    /// for either
    decisions_on_persons: Option<String>,
    /// The `next_cursor` of the page before: continues the list after it (not with `page`)
    cursor: Option<String>,
}

/// The language of the texts the API writes for the caller (what a record lacks, problem
/// details): that of `Accept-Language` (fi, sv, en), English when none matches.
pub struct ApiLang(pub aireg_domain::Lang);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ApiLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        Ok(ApiLang(crate::i18n::negotiate(
            header,
            aireg_domain::Lang::En,
        )))
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "aireg API",
        version = "1",
        description = "The AI register of Finnish and Swedish municipalities. Public endpoints need \
            no token; the others take an API token (`Authorization: Bearer …`) created in the staff \
            UI or with `aireg token create`. Errors are RFC 9457 problem documents in the language \
            of `Accept-Language` (fi, sv, en).",
        license(name = "EUPL-1.2")
    ),
    modifiers(&BearerAuth),
    // Schemas only path parameters name (responses and bodies add their own).
    components(schemas(opendata::OpenDataFile, opendata::StandardFile)),
    tags(
        (name = "public", description = "The public register"),
        (name = "systems", description = "The caller's organisations' records"),
        (name = "ai-act", description = "EU AI Act classification"),
        (name = "ai-use", description = "Which AI tools staff may use with which information"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// The API routes and their OpenAPI document.
pub fn router() -> Router<AppState> {
    let (router, doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(public::list_systems))
        .routes(routes!(public::get_system))
        .routes(routes!(public::checkpoints))
        .routes(routes!(opendata::download))
        .routes(routes!(opendata::standard))
        .routes(routes!(opendata::feed))
        .routes(routes!(systems::list, systems::create))
        .routes(routes!(systems::get, systems::update))
        .routes(routes!(systems::publish))
        .routes(routes!(systems::withdraw))
        .routes(routes!(systems::history_of))
        .routes(routes!(systems::transition))
        .routes(routes!(classify::classify))
        .routes(routes!(classify::runs, classify::create_run))
        .routes(routes!(usage::tools))
        .routes(routes!(usage::data_classes))
        .routes(routes!(usage::may_i_use))
        .routes(routes!(usage::usage))
        .split_for_parts();
    let mut doc = doc;
    common_responses(&mut doc);
    let _ = DOC.set(doc);
    router
        .route("/api/v1/openapi.json", axum::routing::get(openapi_json))
        .layer(axum::middleware::from_fn(private_with_a_token))
}

/// An answer to a request with a token holds the caller's organisations' data (or says who
/// they are not): no browser or proxy keeps it.
async fn private_with_a_token(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let with_token = req
        .headers()
        .contains_key(axum::http::header::AUTHORIZATION);
    let mut res = next.run(req).await;
    if with_token {
        res.headers_mut().insert(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-store, private"),
        );
    }
    res
}

/// What any operation may answer, written once: a failure on our side (500, its request id
/// in the log) and, for one that takes a body, a body over the size limit (413).
fn common_responses(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    let problem = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/problem+json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ProblemDocument")))
                    .build(),
            )
            .build()
    };
    for item in doc.paths.paths.values_mut() {
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
        ]
        .into_iter()
        .flatten()
        {
            let responses = &mut op.responses.responses;
            if op.request_body.is_some() {
                responses.entry("413".into()).or_insert_with(|| {
                    problem("The body is larger than the server accepts").into()
                });
            }
            responses.entry("500".into()).or_insert_with(|| {
                problem("A failure on the server's side; `request_id` names it in the server's log")
                    .into()
            });
        }
    }
}

static DOC: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();

/// The OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    match DOC.get() {
        Some(d) => d.clone(),
        None => {
            let _ = router();
            DOC.get().cloned().unwrap_or_else(ApiDoc::openapi)
        }
    }
}

async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(openapi())
}
