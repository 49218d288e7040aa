//! Errors at the HTTP edge.
//!
//! Handlers return [`AppError`]. Its own response is RFC 9457 problem+json in English; the
//! request-id layer in front of every route re-renders it in the caller's language with the
//! request's id, and the page router's layer turns it into an HTML error page (or, for a
//! missing sign-in, a redirect to the sign-in page) in the page's language. So every route
//! answers in its own format without each handler knowing how.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use aireg_domain::Lang;
use aireg_domain::validation::{FieldError, Problem};
use aireg_service::{Refusal, ServiceError};
use aireg_store::StoreError;

use crate::i18n::Tr;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("the token's scope is {held}; this needs {needed}")]
    OutOfScope {
        held: aireg_domain::policy::TokenScope,
        needed: aireg_domain::policy::TokenScope,
    },
    #[error("the token has expired")]
    TokenExpired,
    #[error("conflict with version {current}")]
    Conflict { current: i64 },
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// Malformed input that is not about one value (broken JSON, a bad query parameter).
    #[error("bad request: {detail}")]
    BadRequest {
        field: Option<String>,
        detail: String,
    },
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// A lifecycle move the policy's gate refuses, with exactly what is missing.
    #[error("the move to {to} is not allowed yet")]
    GateRefused {
        to: String,
        missing: Vec<aireg_rules::policy::Missing>,
    },
    /// A use case refused as things stand; the refusal's message says why.
    #[error("refused: {}", .0.message_id())]
    Refused(Refusal),
    /// A failure on our side; the detail is logged, never shown.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<ServiceError> for AppError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::NotFound => AppError::NotFound,
            ServiceError::Forbidden => AppError::Forbidden,
            ServiceError::OutOfScope { held, needed } => AppError::OutOfScope { held, needed },
            ServiceError::TokenExpired => AppError::TokenExpired,
            ServiceError::Conflict { current } => AppError::Conflict { current },
            ServiceError::Invalid(errors) => AppError::Invalid(errors),
            ServiceError::InvalidAnswers(errors) => AppError::Invalid(
                errors
                    .into_iter()
                    .map(|e| FieldError::new(e.path, Problem::Unreadable { detail: e.code }))
                    .collect(),
            ),
            ServiceError::GateRefused { to, missing } => AppError::GateRefused {
                to: to.as_str().into(),
                missing,
            },
            ServiceError::Refused(r) => AppError::Refused(r),
            ServiceError::SignInFailed => AppError::Unauthorized,
            ServiceError::SsoRefused(_) => AppError::Forbidden,
            ServiceError::TooManyAttempts { retry_after_secs } => {
                AppError::TooManyRequests { retry_after_secs }
            }
            ServiceError::Internal(detail) => AppError::Internal(detail),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict { current } => AppError::Conflict { current },
            StoreError::Invalid(errors) => AppError::Invalid(errors),
            StoreError::Forbidden => AppError::Forbidden,
            StoreError::GateClosed => AppError::Internal("a lifecycle gate closed unasked".into()),
            e @ StoreError::Backend(_) => AppError::Internal(aireg_store::error_chain(&e)),
        }
    }
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::OutOfScope { .. } => StatusCode::FORBIDDEN,
            AppError::TokenExpired => StatusCode::UNAUTHORIZED,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::GateRefused { .. } => StatusCode::CONFLICT,
            AppError::Refused(_) => StatusCode::CONFLICT,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message id stem: `problem-<kind>-title` and `problem-<kind>-detail`.
    pub fn kind(&self) -> &'static str {
        match self {
            AppError::NotFound => "not-found",
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::OutOfScope { .. } => "insufficient-scope",
            AppError::TokenExpired => "token-expired",
            AppError::Conflict { .. } => "conflict",
            AppError::Invalid(_) => "invalid",
            AppError::BadRequest { .. } => "bad-request",
            AppError::UnsupportedMediaType => "unsupported-media-type",
            AppError::PayloadTooLarge => "payload-too-large",
            AppError::MethodNotAllowed => "method-not-allowed",
            AppError::TooManyRequests { .. } => "too-many-requests",
            AppError::GateRefused { .. } => "gate-refused",
            AppError::Refused(_) => "refused",
            AppError::Internal(_) => "internal",
        }
    }

    /// The problem document in a language, for the request with `request_id`.
    pub fn problem(&self, lang: Lang, request_id: Option<&str>) -> ProblemDocument {
        let t = Tr::new(lang);
        let kind = self.kind();
        let mut doc = ProblemDocument {
            problem_type: format!("urn:aireg:problem:{kind}"),
            title: t.get(&format!("problem-{kind}-title")),
            status: self.status().as_u16(),
            detail: t.get(&format!("problem-{kind}-detail")),
            errors: Vec::new(),
            current_version: None,
            missing: Vec::new(),
            request_id: request_id.map(String::from),
        };
        match self {
            AppError::Invalid(errors) => {
                doc.errors = errors.iter().map(|e| ProblemField::new(&t, e)).collect();
                if let Some(first) = doc.errors.first() {
                    doc.detail = format!("{}: {}", first.field, first.message);
                }
            }
            AppError::BadRequest { field, detail } => {
                doc.detail = detail.clone();
                if let Some(f) = field {
                    doc.errors.push(ProblemField {
                        field: f.clone(),
                        code: "invalid".into(),
                        message: detail.clone(),
                    });
                }
            }
            AppError::Conflict { current } => {
                doc.current_version = Some(*current);
                doc.detail = t.get1("problem-conflict-detail", "version", current);
            }
            AppError::Refused(r) => doc.detail = t.get(r.message_id()),
            AppError::OutOfScope { held, needed } => {
                doc.detail = t.get2(
                    "problem-insufficient-scope-detail",
                    "held",
                    held,
                    "needed",
                    needed,
                );
            }
            AppError::GateRefused { to, missing } => {
                let state = aireg_domain::system::Lifecycle::parse(to)
                    .map(|l| t.get(&l.message_id()))
                    .unwrap_or_else(|| to.clone());
                doc.detail = t.get1("problem-gate-refused-detail", "state", state);
                doc.missing = missing.iter().map(|m| MissingItem::of(m, lang)).collect();
            }
            _ => {}
        }
        doc
    }

    /// The problem+json response in a language, for the request with `request_id`.
    pub fn problem_response(&self, lang: Lang, request_id: Option<&str>) -> Response {
        let mut res = (self.status(), axum::Json(self.problem(lang, request_id))).into_response();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        match self {
            AppError::Unauthorized => {
                res.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"aireg\""),
                );
            }
            // RFC 6750 §3.1: the error codes a client library acts on.
            AppError::TokenExpired => {
                res.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static(
                        "Bearer realm=\"aireg\", error=\"invalid_token\", error_description=\"The token has expired\"",
                    ),
                );
            }
            AppError::OutOfScope { needed, .. } => {
                if let Ok(v) = HeaderValue::from_str(&format!(
                    "Bearer realm=\"aireg\", error=\"insufficient_scope\", scope=\"{needed}\""
                )) {
                    res.headers_mut().insert(header::WWW_AUTHENTICATE, v);
                }
            }
            AppError::TooManyRequests { retry_after_secs } => {
                if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                    res.headers_mut().insert(header::RETRY_AFTER, v);
                }
            }
            _ => {}
        }
        res
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut res = self.problem_response(Lang::En, None);
        // The request-id layer and the page router's layer find the error here and re-render
        // it, in the caller's language with the request's id.
        res.extensions_mut().insert(self);
        res
    }
}

/// RFC 9457 problem details.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProblemDocument {
    /// A URN naming the kind of problem, e.g. `urn:aireg:problem:invalid`.
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// One entry per field with a problem.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
    /// On a conflict: the version that is current now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i64>,
    /// On a refused lifecycle move: what the policy's gate still needs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<MissingItem>,
    /// The request's id, also in the `x-request-id` header and the server's log: quote it when
    /// reporting a problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// One thing a lifecycle move still needs.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MissingItem {
    /// `approval`, `assessment`, `system_owner`, `process_owner`, `ai_act_classification`,
    /// `eu_registration`, `prohibited` or `unknown_state`.
    pub code: String,
    /// The body (approval) or assessment template it is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// What is missing, in the caller's language.
    pub message: String,
}

impl MissingItem {
    pub fn of(m: &aireg_rules::policy::Missing, lang: Lang) -> Self {
        MissingItem {
            code: m.code.clone(),
            item: m.item.clone(),
            message: m.text.get(lang.code()).to_string(),
        }
    }
}

/// A problem with one field.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProblemField {
    /// The field's path in the request, e.g. `record.name.fi` or `links[0].url`.
    pub field: String,
    /// A stable code, e.g. `required`, `too_long`, `invalid_choice`.
    pub code: String,
    pub message: String,
}

impl ProblemField {
    pub fn new(t: &Tr, e: &FieldError) -> Self {
        let code = serde_json::to_value(&e.problem)
            .ok()
            .and_then(|v| v.get("code").and_then(|c| c.as_str()).map(String::from))
            .unwrap_or_else(|| "invalid".into());
        ProblemField {
            field: e.field.clone(),
            code,
            message: field_message(t, &e.problem),
        }
    }
}

/// A field problem as a sentence in the reader's language.
pub fn field_message(t: &Tr, p: &Problem) -> String {
    t.problem(p)
}
