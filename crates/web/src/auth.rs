//! Who is asking: sessions for people using pages, bearer tokens for programs using the API.
//! Signing in, sessions and tokens are use cases (`aireg_service::accounts`); here they meet
//! cookies and headers.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};

use aireg_domain::person::User;
use aireg_domain::policy::Actor;
use aireg_store::Session;

use crate::error::AppError;
use crate::state::AppState;

pub use aireg_service::secrets::{constant_time_eq, random_hex, sha256_hex};

/// The value of one cookie.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A signed-in person using the pages.
#[derive(Debug, Clone)]
pub struct Staff {
    pub user: User,
    pub actor: Actor,
    pub session: Session,
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if let Some(staff) = parts.extensions.get::<Staff>() {
            return Ok(staff.clone());
        }
        let staff = load_staff(parts, state)
            .await?
            .ok_or(AppError::Unauthorized)?;
        parts.extensions.insert(staff.clone());
        Ok(staff)
    }
}

/// The signed-in person, if any (public pages show "signed in as").
#[derive(Debug, Clone)]
pub struct MaybeStaff(pub Option<Staff>);

impl FromRequestParts<AppState> for MaybeStaff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        match Staff::from_request_parts(parts, state).await {
            Ok(s) => Ok(MaybeStaff(Some(s))),
            Err(AppError::Unauthorized) => Ok(MaybeStaff(None)),
            Err(e) => Err(e),
        }
    }
}

async fn load_staff(parts: &Parts, state: &AppState) -> Result<Option<Staff>, AppError> {
    let Some(secret) = cookie(&parts.headers, state.config.session_cookie()) else {
        return Ok(None);
    };
    Ok(state
        .services
        .session_of(secret, &state.config.sign_in)
        .await?
        .map(|s| Staff {
            user: s.user,
            actor: s.actor,
            session: s.session,
        }))
}

/// Starts a session for `user`, signed in with `method` (`password` or a provider's issuer)
/// from the browser of `headers`, ending the one that browser still holds, and returns the
/// cookie to set.
pub async fn start_session(
    state: &AppState,
    user: &User,
    headers: &HeaderMap,
    method: &str,
) -> Result<String, AppError> {
    new_session(state, user, headers, method, false).await
}

/// Starts a session that signs no one in until the second factor's code is given.
pub async fn start_session_awaiting_code(
    state: &AppState,
    user: &User,
    headers: &HeaderMap,
) -> Result<String, AppError> {
    new_session(state, user, headers, "password", true).await
}

async fn new_session(
    state: &AppState,
    user: &User,
    headers: &HeaderMap,
    method: &str,
    awaiting_code: bool,
) -> Result<String, AppError> {
    if let Some(previous) = cookie(headers, state.config.session_cookie()) {
        state.services.end_session_of_secret(previous).await?;
    }
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    let new = state
        .services
        .start_session(
            user,
            &state.config.sign_in,
            aireg_service::accounts::SignedInWith {
                method,
                user_agent,
                awaiting_code,
            },
        )
        .await?;
    Ok(session_cookie(
        state,
        &new.secret,
        Some(state.config.sign_in.session_absolute),
    ))
}

/// The Set-Cookie value for the session cookie (`None` lifetime: delete it).
pub fn session_cookie(state: &AppState, value: &str, max_age: Option<time::Duration>) -> String {
    let secure = if state.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    let age = max_age.map(|d| d.whole_seconds()).unwrap_or(0);
    format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={age}{secure}",
        state.config.session_cookie()
    )
}

/// A program using the API with a bearer token.
#[derive(Debug, Clone)]
pub struct ApiCaller {
    pub user: User,
    pub actor: Actor,
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .ok_or(AppError::Unauthorized)?;
        let (user, actor) = state
            .services
            .token_caller(token)
            .await?
            .ok_or(AppError::Unauthorized)?;
        Ok(ApiCaller { user, actor })
    }
}

/// A program with a token, or anyone without one (the public operations that also answer a
/// token's holder more). A token given must be valid.
#[derive(Debug, Clone)]
pub struct MaybeApiCaller(pub Option<ApiCaller>);

impl FromRequestParts<AppState> for MaybeApiCaller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if !parts.headers.contains_key(header::AUTHORIZATION) {
            return Ok(MaybeApiCaller(None));
        }
        Ok(MaybeApiCaller(Some(
            ApiCaller::from_request_parts(parts, state).await?,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            "a=1; aireg_session=xyz; b=2".parse().unwrap(),
        );
        assert_eq!(cookie(&h, "aireg_session"), Some("xyz"));
        assert_eq!(cookie(&h, "nope"), None);
    }
}
