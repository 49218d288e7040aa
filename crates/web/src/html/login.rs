//! Signing in and out.
//!
//! Sign-in is throttled per account and client address together, and slowed per account and
//! per address (see `aireg_service::accounts`), counting failures in the database (so the limit
//! holds across app instances and restarts); a wrong e-mail address costs the same time as a
//! wrong password, so neither reveals whether an account exists. The client address is the
//! one `crate::client` works out (trusted proxies).

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use aireg_domain::person::normalize_email;
use aireg_service::ServiceError;

use super::{Chrome, PageLang, render, see_other};
use crate::auth::{self, MaybeStaff};
use crate::client::ClientAddr;
use crate::error::AppError;
use crate::form::{FormData, PlainForm, StaffForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    c: Chrome,
    email: String,
    next: String,
    error: Option<String>,
}

pub async fn form(
    lang: PageLang,
    uri: Uri,
    MaybeStaff(staff): MaybeStaff,
) -> Result<Response, AppError> {
    let query = FormData::parse(uri.query().unwrap_or("").as_bytes());
    let next = safe_next(lang, query.get("next"));
    if staff.is_some() {
        return Ok(see_other(&next));
    }
    render(&LoginPage {
        c: Chrome::new(lang.0, &uri, "login", None),
        email: String::new(),
        next,
        error: None,
    })
}

/// Where to go after signing in: only a path on this site, never another host.
fn safe_next(lang: PageLang, next: &str) -> String {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
        && !next.starts_with(&format!("/{}/login", lang.code()));
    if ok {
        next.to_string()
    } else {
        format!("/{}/staff", lang.code())
    }
}

pub async fn submit(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    ClientAddr(addr): ClientAddr,
    headers: axum::http::HeaderMap,
    PlainForm(form): PlainForm,
) -> Result<Response, AppError> {
    let email = normalize_email(form.get("email"));
    let password = form.get("password").to_string();
    let next = safe_next(lang, form.get("next"));
    let signed_in = state
        .services
        .sign_in(&email, password, addr, &state.config.sign_in)
        .await;
    let user = match signed_in {
        Ok(user) => user,
        Err(ServiceError::SignInFailed) => {
            let t = lang.tr();
            let page = LoginPage {
                c: Chrome::new(lang.0, &uri, "login", None),
                email,
                next,
                error: Some(t.get("login-failed")),
            };
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNAUTHORIZED;
            return Ok(res);
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(previous) = auth::cookie(&headers, state.config.session_cookie()) {
        state.services.end_session_of_secret(previous).await?;
    }
    let cookie = auth::start_session(&state, &user).await?;
    let mut res = see_other(&next);
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(res)
}

pub async fn logout(
    State(state): State<AppState>,
    lang: PageLang,
    StaffForm { staff, .. }: StaffForm,
) -> Result<Response, AppError> {
    state.services.end_session(&staff.session).await?;
    let mut res = see_other(&format!("/{}/?done=signed-out", lang.code())).into_response();
    let cookie = auth::session_cookie(&state, "", None);
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aireg_domain::Lang;

    #[test]
    fn next_stays_on_this_site() {
        let fi = PageLang(Lang::Fi);
        assert_eq!(safe_next(fi, "/fi/staff/systems"), "/fi/staff/systems");
        assert_eq!(safe_next(fi, "//evil.example/"), "/fi/staff");
        assert_eq!(safe_next(fi, "https://evil.example/"), "/fi/staff");
        assert_eq!(safe_next(fi, "/\\evil.example"), "/fi/staff");
        assert_eq!(safe_next(fi, ""), "/fi/staff");
        assert_eq!(safe_next(fi, "/fi/login"), "/fi/staff");
    }
}
