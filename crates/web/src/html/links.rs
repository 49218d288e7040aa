//! Pages reached from single-use links sent by e-mail: asking for and using a password reset
//! link, and taking up an invitation. The answer to a reset request is the same whether the
//! address has an account or not.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;

use aireg_service::ServiceError;
use aireg_service::invitations::NewPasswordTwice;

use super::login::signed_in;
use super::{Chrome, FormError, PageLang, render, see_other};
use crate::auth::{self, MaybeStaff};
use crate::error::AppError;
use crate::form::{PlainForm, StaffForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "password_reset_request.html")]
struct ResetRequestPage {
    c: Chrome,
    email: String,
    sent: bool,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "password_reset.html")]
struct ResetPage {
    c: Chrome,
    action: String,
    error: FormError,
}

#[derive(Template)]
#[template(path = "link_gone.html")]
struct LinkGonePage {
    c: Chrome,
}

#[derive(Template)]
#[template(path = "invitation.html")]
struct InvitationPage {
    c: Chrome,
    action: String,
    lead: String,
    email: String,
    /// Who is signed in now, if anyone, and whether that is the invited address.
    signed_in_as: Option<String>,
    is_invitee: bool,
    account_exists: bool,
    login_href: String,
    name: String,
    error: FormError,
}

/// A link that no longer works: used, expired or never sent.
fn gone(lang: PageLang, uri: &Uri) -> Result<Response, AppError> {
    let mut res = render(&LinkGonePage {
        c: Chrome::new(lang.0, uri, "login", None),
    })?;
    *res.status_mut() = StatusCode::NOT_FOUND;
    Ok(res)
}

fn first_error(lang: PageLang, e: &[aireg_domain::validation::FieldError]) -> FormError {
    FormError::of(&lang.tr(), e)
}

pub async fn reset_request_form(lang: PageLang, uri: Uri) -> Result<Response, AppError> {
    render(&ResetRequestPage {
        c: Chrome::new(lang.0, &uri, "login", None),
        email: String::new(),
        sent: false,
        error: None,
    })
}

pub async fn reset_request(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    PlainForm(form): PlainForm,
) -> Result<Response, AppError> {
    let email = form.get("email").trim().to_string();
    match state.services.request_password_reset(&email, lang.0).await {
        Ok(()) => render(&ResetRequestPage {
            c: Chrome::new(lang.0, &uri, "login", None),
            email,
            sent: true,
            error: None,
        }),
        Err(ServiceError::Invalid(e)) => {
            let mut res = render(&ResetRequestPage {
                c: Chrome::new(lang.0, &uri, "login", None),
                email,
                sent: false,
                error: first_error(lang, &e).on("email"),
            })?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn reset_form(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, secret)): Path<(String, String)>,
) -> Result<Response, AppError> {
    if !state.services.reset_link_works(&secret).await? {
        return gone(lang, &uri);
    }
    render(&ResetPage {
        c: Chrome::new(lang.0, &uri, "login", None),
        action: uri.path().to_string(),
        error: FormError::default(),
    })
}

pub async fn reset(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, secret)): Path<(String, String)>,
    PlainForm(form): PlainForm,
) -> Result<Response, AppError> {
    let done = state
        .services
        .reset_password(
            &secret,
            NewPasswordTwice {
                password: form.get("password"),
                repeated: form.get("password2"),
            },
        )
        .await;
    match done {
        Ok(_) => Ok(see_other(&format!(
            "/{}/login?done=password-reset",
            lang.code()
        ))),
        Err(ServiceError::NotFound) => gone(lang, &uri),
        Err(ServiceError::Invalid(e)) => {
            let mut res = render(&ResetPage {
                c: Chrome::new(lang.0, &uri, "login", None),
                action: uri.path().to_string(),
                error: first_error(lang, &e),
            })?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

async fn invitation_page(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    secret: &str,
    staff: Option<&auth::Staff>,
    name: String,
    error: FormError,
) -> Result<Response, AppError> {
    let Some(open) = state.services.open_invitation(secret).await? else {
        return gone(lang, uri);
    };
    let failed = error.is_some();
    let t = lang.tr();
    let organisation = match open.link.org_id {
        Some(o) => state
            .store
            .organisation(o)
            .await?
            .map(|o| o.display_name(lang.0).to_string())
            .unwrap_or_default(),
        None => String::new(),
    };
    let path = format!("/{}/invitations/{secret}", lang.code());
    let role = open
        .link
        .role
        .map(|r| t.get(&r.message_id()))
        .unwrap_or_default();
    let lead = t.args(
        "invitation-lead",
        &[
            ("organisation", organisation),
            ("role", role),
            ("email", open.link.email.clone()),
        ],
    );
    let mut res = render(&InvitationPage {
        c: Chrome::new(lang.0, uri, "login", staff),
        action: path.clone(),
        lead,
        is_invitee: staff.is_some_and(|s| s.user.email == open.link.email),
        signed_in_as: staff.map(|s| s.user.email.clone()),
        email: open.link.email,
        account_exists: open.account_exists,
        login_href: format!(
            "/{}/login?next={}",
            lang.code(),
            form_urlencoded::byte_serialize(path.as_bytes()).collect::<String>()
        ),
        name,
        error,
    })?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

pub async fn invitation(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, secret)): Path<(String, String)>,
    MaybeStaff(staff): MaybeStaff,
) -> Result<Response, AppError> {
    invitation_page(
        &state,
        lang,
        &uri,
        &secret,
        staff.as_ref(),
        String::new(),
        FormError::default(),
    )
    .await
}

/// Takes the invitation up with a new account (name and password), and signs it in.
pub async fn accept_new(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    headers: HeaderMap,
    Path((_, secret)): Path<(String, String)>,
    PlainForm(form): PlainForm,
) -> Result<Response, AppError> {
    let name = form.get("name").trim().to_string();
    let created = state
        .services
        .accept_invitation_as_new(
            &secret,
            &name,
            lang.0,
            NewPasswordTwice {
                password: form.get("password"),
                repeated: form.get("password2"),
            },
        )
        .await;
    match created {
        Ok(user) => {
            let cookie = auth::start_session(&state, &user, &headers, "password").await?;
            Ok(signed_in(
                &format!("/{}/staff?done=invitation-accepted", lang.code()),
                &cookie,
            ))
        }
        Err(ServiceError::NotFound) => gone(lang, &uri),
        Err(ServiceError::Invalid(e)) => {
            invitation_page(
                &state,
                lang,
                &uri,
                &secret,
                None,
                name,
                first_error(lang, &e),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// Takes the invitation up with the account signed in.
pub async fn accept(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, secret)): Path<(String, String)>,
    StaffForm { staff, .. }: StaffForm,
) -> Result<Response, AppError> {
    match state
        .services
        .accept_invitation(&staff.actor, &secret)
        .await
    {
        Ok(_) => Ok(see_other(&format!(
            "/{}/staff?done=invitation-accepted",
            lang.code()
        ))),
        Err(ServiceError::NotFound) => gone(lang, &uri),
        Err(e) => Err(e.into()),
    }
}
