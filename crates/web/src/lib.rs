//! The HTTP face of aireg: server-rendered pages (`html`), the JSON API with its OpenAPI
//! document (`api`), and what stands in front of both: sessions and tokens (`auth`), errors
//! (`error`), security headers, body limits and request logging.

use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub mod ai_act;
pub mod api;
pub mod auth;
pub mod cache;
pub mod charts;
pub mod client;
pub mod error;
pub mod form;
pub mod html;
pub mod listing;
pub mod metrics;
pub mod state;

pub use aireg_i18n as i18n;
pub use aireg_i18n::format;
pub use state::{AppState, WebConfig};

use crate::error::AppError;

/// The whole application.
pub fn app(state: AppState) -> Router {
    let body_limit = state.config.body_limit;
    let hsts = state.config.secure_cookies();
    let mut router = Router::new()
        .route("/healthz", get(healthz))
        .route("/static/aireg.css", get(stylesheet))
        .merge(api::router())
        .merge(html::router())
        .fallback(html::not_found)
        .method_not_allowed_fallback(html::method_not_allowed)
        .with_state(state.clone())
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(CatchPanicLayer::custom(|_| {
            AppError::Internal("a request handler panicked".into()).into_response()
        }))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            cache::public_cache,
        ))
        .layer(middleware::from_fn_with_state(state, metrics::track))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(middleware::from_fn(request_id))
        .layer(middleware::from_fn(open_to_other_sites));
    for (name, value) in SECURITY_HEADERS {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        ));
    }
    if hsts {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        ));
    }
    router
}

/// Serves the application on `listener` until `shutdown` resolves, passing each connection's
/// peer address to the handlers (the sign-in throttle counts failures per address).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// The id of one request: in its log span, in the `x-request-id` response header and in its
/// problem document or error page, so that a person reporting a problem can quote what the
/// operator finds in the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

impl RequestId {
    /// The id of a request (none outside the router, e.g. in a unit test).
    pub fn of<B>(req: &axum::http::Request<B>) -> Option<&str> {
        req.extensions().get::<RequestId>().map(|r| r.0.as_str())
    }
}

/// Gives the request its id, and its problem document the id and the caller's language.
async fn request_id(mut req: Request, next: Next) -> Response {
    let id = uuid::Uuid::now_v7().simple().to_string();
    req.extensions_mut().insert(RequestId(id.clone()));
    let lang = i18n::negotiate(
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
        aireg_domain::Lang::En,
    );
    let mut res = next.run(req).await;
    let problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v == "application/problem+json");
    let err = res.extensions().get::<AppError>().cloned();
    // A failure on our side is logged once, here, under the request's id; what failed and
    // why (with its causes) is for the log only.
    if let Some(AppError::Internal(detail)) = &err {
        tracing::error!(request = %id, %detail, "request failed");
    }
    if problem && let Some(err) = err {
        // The document is written again in the caller's language; what the layers inside
        // said about the answer (caching, authentication) still holds.
        let said = std::mem::take(res.headers_mut());
        res = err.problem_response(lang, Some(&id));
        let own: Vec<HeaderName> = res.headers().keys().cloned().collect();
        for (name, value) in &said {
            if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH && !own.contains(name)
            {
                res.headers_mut().append(name, value.clone());
            }
        }
    }
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(REQUEST_ID, v);
    }
    res
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The public read API and its document may be read by scripts on any site (CORS): they hold
/// only what anyone may read, and no cookie or token is honoured there. A preflight is
/// answered here, before routing, for any of their paths.
async fn open_to_other_sites(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let open = path.starts_with("/api/v1/public/") || path == "/api/v1/openapi.json";
    if !open {
        return next.run(req).await;
    }
    if req.method() == axum::http::Method::OPTIONS {
        return (
            StatusCode::NO_CONTENT,
            [
                (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
                (header::ACCESS_CONTROL_ALLOW_METHODS, "GET"),
                (
                    header::ACCESS_CONTROL_ALLOW_HEADERS,
                    "accept, accept-language, if-none-match",
                ),
                (header::ACCESS_CONTROL_MAX_AGE, "86400"),
            ],
        )
            .into_response();
    }
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("x-request-id, link, content-disposition"),
    );
    res
}

/// The span every request's log lines belong to: its id, method and path (not the query, which
/// may hold what a person searched for).
fn request_span<B>(req: &axum::http::Request<B>) -> tracing::Span {
    tracing::info_span!(
        "request",
        id = RequestId::of(req).unwrap_or("-"),
        method = %req.method(),
        path = %logged_path(req.uri().path()),
    )
}

/// The path as logged: the secret of an invitation or password reset link is left out (the
/// link is the key; whoever reads the log must not be able to use it).
fn logged_path(path: &str) -> std::borrow::Cow<'_, str> {
    for marker in ["/invitations/", "/password-reset/"] {
        if let Some(at) = path.find(marker) {
            let (head, rest) = path.split_at(at + marker.len());
            let tail = rest.split_once('/').map(|(_, t)| t);
            return match tail {
                Some(t) => format!("{head}…/{t}").into(),
                None => format!("{head}…").into(),
            };
        }
    }
    path.into()
}

/// No scripts at all, styles and images from here only, no framing.
const SECURITY_HEADERS: [(&str, &str); 5] = [
    (
        "content-security-policy",
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "DENY"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    ),
];

/// 200 when the database answers.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.is_empty().await {
        Ok(_) => axum::Json(api::dto::Health {
            status: "ok".into(),
            database: state.store.engine().into(),
        })
        .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(api::dto::Health {
                    status: "unavailable".into(),
                    database: state.store.engine().into(),
                }),
            )
                .into_response()
        }
    }
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/aireg.css"),
    )
        .into_response()
}

#[cfg(test)]
mod logged_path_tests {
    use super::*;

    #[test]
    fn link_secrets_stay_out_of_the_log() {
        assert_eq!(logged_path("/fi/invitations/abc123"), "/fi/invitations/…");
        assert_eq!(
            logged_path("/fi/invitations/abc123/accept"),
            "/fi/invitations/…/accept"
        );
        assert_eq!(
            logged_path("/sv/password-reset/xyz"),
            "/sv/password-reset/…"
        );
        assert_eq!(logged_path("/sv/password-reset"), "/sv/password-reset");
        assert_eq!(logged_path("/fi/staff"), "/fi/staff");
    }
}
