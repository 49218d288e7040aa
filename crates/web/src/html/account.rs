//! A person's own account: their password, and the sessions signed in as them (each can be
//! ended; changing the password ends all but this one).

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;

use aireg_service::ServiceError;
use aireg_service::accounts::session_handle;
use aireg_service::invitations::NewPasswordTwice;
use aireg_service::second_factor::NewSecret;

use super::{Chrome, FormError, PageLang, render, see_other};
use crate::auth::Staff;
use crate::error::AppError;
use crate::form::StaffForm;
use crate::format;
use crate::state::AppState;

struct SessionRow {
    handle: String,
    browser: String,
    how: String,
    started: String,
    last_seen: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    c: Chrome,
    name: String,
    email: String,
    sessions: Vec<SessionRow>,
    /// Whether the account has an authenticator app, and whether an organisation of its
    /// requires one.
    second_factor: bool,
    second_factor_required: bool,
    /// The password field the error is about, and the error.
    error: FormError,
}

#[derive(Template)]
#[template(path = "second_factor.html")]
struct SecondFactorPage {
    c: Chrome,
    setup: NewSecret,
    error: FormError,
}

async fn page(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    staff: &Staff,
    error: FormError,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let sessions = state
        .services
        .own_sessions(&staff.actor)
        .await?
        .iter()
        .map(|s| SessionRow {
            handle: session_handle(s).to_string(),
            browser: s
                .user_agent
                .clone()
                .unwrap_or_else(|| t.get("account-unknown-browser")),
            how: match s.signed_in_with.as_deref() {
                None | Some("password") => t.get("account-with-password"),
                Some(issuer) => t.get1("account-with-provider", "issuer", issuer),
            },
            started: format::datetime(s.created_at, lang.0),
            last_seen: format::datetime(s.last_seen_at, lang.0),
            current: s.id_hash == staff.session.id_hash,
        })
        .collect();
    let store = state.services.store();
    render(&AccountPage {
        c: Chrome::new(lang.0, uri, "account", Some(staff)),
        name: staff.user.name.clone(),
        email: staff.user.email.clone(),
        sessions,
        second_factor: store.totp_secret(staff.user.id).await?.is_some(),
        second_factor_required: store.second_factor_required_for(staff.user.id).await?,
        error,
    })
}

pub async fn show(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    staff: Staff,
) -> Result<Response, AppError> {
    page(&state, lang, &uri, &staff, FormError::default()).await
}

pub async fn change_password(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let changed = state
        .services
        .change_own_password(
            &staff.actor,
            &staff.session,
            form.get("current").to_string(),
            NewPasswordTwice {
                password: form.get("password"),
                repeated: form.get("password2"),
            },
        )
        .await;
    match changed {
        Ok(_) => Ok(see_other(&format!(
            "/{}/staff/account?done=password-changed",
            lang.code()
        ))),
        Err(ServiceError::Invalid(e)) => {
            let error = FormError::of(&lang.tr(), &e);
            let mut res = page(&state, lang, &uri, &staff, error).await?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

/// Ends one session (`session` = its handle) or all but this one (`others`).
pub async fn end_sessions(
    State(state): State<AppState>,
    lang: PageLang,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    if form.get("others") == "1" {
        state
            .services
            .end_other_sessions(&staff.actor, &staff.session)
            .await?;
    } else {
        state
            .services
            .end_own_session(&staff.actor, form.get("session"))
            .await?;
    }
    // Ending the one in use signs out.
    let to = if session_handle(&staff.session) == form.get("session") {
        format!("/{}/?done=signed-out", lang.code())
    } else {
        format!("/{}/staff/account?done=sessions-ended", lang.code())
    };
    Ok(see_other(&to))
}

/// `GET …/account/second-factor`: a new secret to set an authenticator app up with.
pub async fn second_factor_form(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    staff: Staff,
) -> Result<Response, AppError> {
    render(&SecondFactorPage {
        c: Chrome::new(lang.0, &uri, "account", Some(&staff)),
        setup: state.services.new_second_factor(&staff.user)?,
        error: FormError::default(),
    })
}

/// Sets the app up (`action=set`, with the secret shown and a code made with it) or turns it
/// off (`action=remove`, with a current code).
pub async fn second_factor(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let code = form.get("code");
    let (done, setting) = match form.get("action") {
        "set" => (
            state
                .services
                .set_up_second_factor(&staff.actor, form.get("secret"), code)
                .await,
            true,
        ),
        "remove" => (
            state
                .services
                .remove_second_factor(&staff.actor, code)
                .await,
            false,
        ),
        _ => {
            return Err(AppError::BadRequest {
                field: Some("action".into()),
                detail: "action must be set or remove".into(),
            });
        }
    };
    let flash = if setting {
        "second-factor-set"
    } else {
        "second-factor-removed"
    };
    match done {
        Ok(()) => Ok(see_other(&format!(
            "/{}/staff/account?done={flash}",
            lang.code()
        ))),
        Err(ServiceError::Invalid(e)) if setting => {
            let mut res = render(&SecondFactorPage {
                c: Chrome::new(lang.0, &uri, "account", Some(&staff)),
                setup: NewSecret {
                    secret: form.get("secret").to_string(),
                    uri: form.get("uri").to_string(),
                },
                error: FormError::of(&lang.tr(), &e),
            })?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(ServiceError::Invalid(e)) => {
            let mut res = page(&state, lang, &uri, &staff, FormError::of(&lang.tr(), &e)).await?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}
