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
use aireg_service::second_factor::{NewSecret, SecondStep};

use super::{Chrome, FormError, PageLang, render, see_other};
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
    /// An organisation whose own sign-in the page offers (`?org=SLUG`): its slug and name.
    sso_org: Option<(String, String)>,
}

pub async fn form(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    MaybeStaff(staff): MaybeStaff,
) -> Result<Response, AppError> {
    let query = FormData::parse(uri.query().unwrap_or("").as_bytes());
    let next = safe_next(lang, query.get("next"));
    if staff.is_some() {
        return Ok(see_other(&next));
    }
    let sso_org = match query.get("org") {
        "" => None,
        slug => state
            .store
            .organisation_by_slug(slug)
            .await?
            .map(|o| (o.slug.clone(), o.display_name(lang.0).to_string())),
    };
    let page = render(&LoginPage {
        c: Chrome::new(lang.0, &uri, "login", None),
        email: String::new(),
        next,
        error: None,
        sso_org,
    })?;
    may_go_to_providers(&state, page).await
}

/// The sign-in page's forms may lead to the organisations' identity providers: the form asking
/// for a work address is answered with a redirect to one, which the browser follows only if
/// the page's `form-action` names its origin.
pub async fn may_go_to_providers(
    state: &AppState,
    mut page: Response,
) -> Result<Response, AppError> {
    let origins = state.services.provider_origins().await?;
    let csp = format!(
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'{}; \
         frame-ancestors 'none'; base-uri 'none'",
        origins.iter().map(|o| format!(" {o}")).collect::<String>()
    );
    if let Ok(v) = HeaderValue::from_str(&csp) {
        page.headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, v);
    }
    Ok(page)
}

/// The sign-in page again, saying why not.
pub async fn refused(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    email: String,
    next: String,
    error: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    let page = LoginPage {
        c: Chrome::new(lang.0, uri, "login", None),
        email,
        next,
        error: Some(error),
        sso_org: None,
    };
    let mut res = render(&page)?;
    *res.status_mut() = status;
    may_go_to_providers(state, res).await
}

/// Where to go after signing in: only a path on this site, never another host.
pub fn safe_next(lang: PageLang, next: &str) -> String {
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
    let attempt = state
        .services
        .sign_in(&email, password, addr, &state.config.sign_in)
        .await;
    let user = match attempt {
        Ok(user) => user,
        Err(ServiceError::SignInFailed) => {
            let t = lang.tr();
            return refused(
                &state,
                lang,
                &uri,
                email,
                next,
                t.get("login-failed"),
                StatusCode::UNAUTHORIZED,
            )
            .await;
        }
        Err(ServiceError::Refused(r)) => {
            let t = lang.tr();
            return refused(
                &state,
                lang,
                &uri,
                email,
                next,
                t.get(r.message_id()),
                StatusCode::FORBIDDEN,
            )
            .await;
        }
        Err(e) => return Err(e.into()),
    };
    match state.services.second_step(&user).await? {
        SecondStep::None => {
            let cookie = auth::start_session(&state, &user, &headers, "password").await?;
            Ok(signed_in(&next, &cookie))
        }
        // The code (or setting the app up) comes next, on its own page.
        SecondStep::Code | SecondStep::SetUp => {
            let cookie = auth::start_session_awaiting_code(&state, &user, &headers).await?;
            let to = format!(
                "/{}/login/code?next={}",
                lang.code(),
                form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
            );
            Ok(signed_in(&to, &cookie))
        }
    }
}

#[derive(Template)]
#[template(path = "login_code.html")]
struct CodePage {
    c: Chrome,
    next: String,
    /// When setting the app up: the new secret and its otpauth URI.
    setup: Option<NewSecret>,
    error: FormError,
}

/// The half-made session of this browser and its person, or off to sign in again.
async fn awaiting(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Result<Option<(aireg_store::Session, aireg_domain::person::User)>, AppError> {
    let Some(secret) = auth::cookie(headers, state.config.session_cookie()) else {
        return Ok(None);
    };
    Ok(state.services.awaiting_code(secret).await?)
}

/// `GET /{lang}/login/code`: the authenticator app's code, or setting the app up where the
/// organisation requires it.
pub async fn code_form(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    headers: axum::http::HeaderMap,
) -> Result<Response, AppError> {
    let query = FormData::parse(uri.query().unwrap_or("").as_bytes());
    let next = safe_next(lang, query.get("next"));
    let Some((_, user)) = awaiting(&state, &headers).await? else {
        return Ok(see_other(&format!("/{}/login", lang.code())));
    };
    let setup = match state.services.second_step(&user).await? {
        SecondStep::SetUp => Some(state.services.new_second_factor(&user)?),
        _ => None,
    };
    render(&CodePage {
        c: Chrome::new(lang.0, &uri, "login", None),
        next,
        setup,
        error: FormError::default(),
    })
}

pub async fn code_submit(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    headers: axum::http::HeaderMap,
    PlainForm(form): PlainForm,
) -> Result<Response, AppError> {
    let next = safe_next(lang, form.get("next"));
    let Some((session, user)) = awaiting(&state, &headers).await? else {
        return Ok(see_other(&format!("/{}/login", lang.code())));
    };
    let new_secret = Some(form.get("secret")).filter(|s| !s.is_empty());
    let given = state
        .services
        .give_code(
            &session,
            &user,
            form.get("code"),
            new_secret,
            &state.config.sign_in,
        )
        .await;
    match given {
        Ok(()) => {
            let cookie = auth::start_session(&state, &user, &headers, "password").await?;
            Ok(signed_in(&next, &cookie))
        }
        Err(ServiceError::Invalid(e)) => {
            // Setting up, the same secret is shown again (the app has it already).
            let setup = new_secret.map(|s| NewSecret {
                secret: s.to_string(),
                uri: form.get("uri").to_string(),
            });
            let mut res = render(&CodePage {
                c: Chrome::new(lang.0, &uri, "login", None),
                next,
                setup,
                error: FormError::of(&lang.tr(), &e),
            })?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

/// The answer to a sign-in: on to `next` with the session cookie.
pub fn signed_in(next: &str, cookie: &str) -> Response {
    let mut res = see_other(next);
    if let Ok(v) = HeaderValue::from_str(cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
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
