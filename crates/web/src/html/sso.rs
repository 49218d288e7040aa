//! Signing in through an organisation's identity provider (OpenID Connect), and the page
//! where the organisation's admins set their provider up. The protocol is
//! `aireg_service::sso`; here it meets the browser: the provider is found by the e-mail
//! address's domain (or named by the organisation), the browser is sent there with a cookie
//! that binds the answer to it, and comes back to `/sso/callback`.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::Response;

use aireg_domain::Lang;
use aireg_domain::org::Organisation;
use aireg_domain::person::Role;
use aireg_service::ServiceError;
use aireg_service::second_factor::SecondStep;
use aireg_service::sso::parse_role_map;
use aireg_store::IdentityProvider;

use super::login::{refused, safe_next, signed_in};
use super::members::admin_of;
use super::{Chrome, FormError, PageLang, render, see_other};
use crate::auth::{self, Staff, cookie};
use crate::error::AppError;
use crate::form::{FormData, PlainForm, StaffForm};
use crate::state::AppState;

/// The cookie binding a sign-in at a provider to the browser that started it.
const BROWSER_COOKIE: &str = "aireg_sso";

fn browser_cookie(state: &AppState, value: &str, max_age: i64) -> String {
    let secure = if state.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    // SameSite=Lax: the provider sends the browser back with a top-level GET, which carries it.
    format!(
        "{BROWSER_COOKIE}={value}; Path=/sso; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    )
}

/// `POST /{lang}/login/sso` with `email` (the provider of the address's domain) or `org`
/// (a slug): off to the provider. A POST, so that only this site's own pages can start a
/// sign-in (cross-site posts are refused before they reach here): a link elsewhere cannot sign
/// a visitor into an account of someone else's choosing.
pub async fn start(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    PlainForm(form): PlainForm,
) -> Result<Response, AppError> {
    let next = safe_next(lang, form.get("next"));
    let email = form.get("email").trim().to_string();
    let org = match form.get("org") {
        "" => state
            .services
            .provider_for_email(&email)
            .await?
            .map(|p| p.org_id),
        slug => state.store.organisation_by_slug(slug).await?.map(|o| o.id),
    };
    let t = lang.tr();
    let login = Uri::try_from(format!("/{}/login", lang.code())).unwrap_or(uri);
    let Some(org) = org else {
        return refused(
            &state,
            lang,
            &login,
            email,
            next,
            t.get("sso-no-provider"),
            StatusCode::NOT_FOUND,
        )
        .await;
    };
    match state.services.start_sso(org, &next, lang.0).await {
        Ok(start) => {
            let mut res = see_other(&start.authorize_url);
            if let Ok(v) =
                HeaderValue::from_str(&browser_cookie(&state, &start.browser_secret, 600))
            {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
            Ok(res)
        }
        Err(ServiceError::SsoRefused(r)) => {
            refused(
                &state,
                lang,
                &login,
                email,
                next,
                t.get(r.message_id()),
                StatusCode::BAD_GATEWAY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /{lang}/login/sso?org=SLUG` (a link from the organisation's intranet): the sign-in
/// page, offering that organisation's sign-in.
pub async fn start_link(lang: PageLang, uri: Uri) -> Response {
    let query = FormData::parse(uri.query().unwrap_or("").as_bytes());
    let org: String = form_urlencoded::byte_serialize(query.get("org").as_bytes()).collect();
    see_other(&format!("/{}/login?org={org}", lang.code()))
}

/// `GET /sso/callback?code=…&state=…` (or `?error=…`): the provider sends the browser back.
pub async fn callback(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let query = FormData::parse(uri.query().unwrap_or("").as_bytes());
    let browser = cookie(&headers, BROWSER_COOKIE).map(str::to_string);
    // The language of the page that started the sign-in, once it is found; until then the
    // browser's.
    let asked = crate::i18n::negotiate(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
        Lang::Fi,
    );
    let finished = if query.get("error").is_empty() {
        state
            .services
            .finish_sso(query.get("state"), query.get("code"), browser.as_deref())
            .await
    } else {
        // The provider said no; the pending sign-in is used up all the same.
        let _ = state
            .services
            .finish_sso(query.get("state"), "", Some(""))
            .await;
        Err(ServiceError::SsoRefused(
            aireg_service::sso::SsoRefusal::ProviderDenied,
        ))
    };
    let forget_browser = browser_cookie(&state, "", 0);
    let mut res = match finished {
        Ok((user, pending)) => {
            let lang = PageLang(pending.lang);
            let method = state
                .store
                .identity_provider(pending.org_id)
                .await?
                .map(|p| p.issuer)
                .unwrap_or_else(|| "sso".into());
            let next = safe_next(lang, &pending.next_path);
            // Someone who set an authenticator app up is asked for its code however they sign
            // in (the provider may ask for its own as well).
            if state.services.second_step(&user).await? == SecondStep::Code {
                let session = auth::start_session_awaiting_code(&state, &user, &headers).await?;
                let to = format!(
                    "/{}/login/code?next={}",
                    lang.code(),
                    form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
                );
                signed_in(&to, &session)
            } else {
                let session = auth::start_session(&state, &user, &headers, &method).await?;
                signed_in(&next, &session)
            }
        }
        Err(ServiceError::SsoRefused(r)) => {
            let lang = PageLang(asked);
            let login = Uri::from_static("/fi/login");
            refused(
                &state,
                lang,
                &login,
                String::new(),
                format!("/{}/staff", lang.code()),
                lang.tr().get(r.message_id()),
                StatusCode::FORBIDDEN,
            )
            .await?
        }
        Err(e) => return Err(e.into()),
    };
    if let Ok(v) = HeaderValue::from_str(&forget_browser) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

/// A text field of the settings form.
struct TextField {
    name: &'static str,
    kind: &'static str,
    value: String,
    label: String,
    hint: String,
}

struct MapRow {
    value: String,
    role: String,
}

#[derive(Template)]
#[template(path = "sso_settings.html")]
struct SettingsPage {
    c: Chrome,
    org_name: String,
    slug: String,
    configured: bool,
    fields: Vec<TextField>,
    role_map: String,
    local_passwords: bool,
    callback: String,
    roles: Vec<MapRow>,
    error: FormError,
}

#[allow(clippy::too_many_arguments)]
fn settings_page(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    staff: &Staff,
    org: &Organisation,
    idp: Option<&IdentityProvider>,
    typed: Option<&FormData>,
    error: FormError,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let failed = error.is_some();
    let field = |name: &str, stored: String| match typed {
        Some(f) => f.get(name).to_string(),
        None => stored,
    };
    let text = |name: &'static str, kind: &'static str, stored: String| TextField {
        name,
        kind,
        value: field(name, stored),
        label: t.get(&format!("sso-field-{name}")),
        hint: t.get(&format!("sso-field-{name}-hint")),
    };
    let fields = vec![
        text(
            "issuer",
            "url",
            idp.map(|p| p.issuer.clone()).unwrap_or_default(),
        ),
        text(
            "client_id",
            "text",
            idp.map(|p| p.client_id.clone()).unwrap_or_default(),
        ),
        text(
            "email_domains",
            "text",
            idp.map(|p| p.email_domains.join(" ")).unwrap_or_default(),
        ),
        text(
            "role_claim",
            "text",
            idp.map(|p| p.role_claim.clone())
                .unwrap_or_else(|| "groups".into()),
        ),
    ];
    let mut res = render(&SettingsPage {
        c: Chrome::new(lang.0, uri, "dashboard", Some(staff)),
        org_name: org.display_name(lang.0).to_string(),
        slug: org.slug.clone(),
        configured: idp.is_some(),
        fields,
        role_map: field(
            "role_map",
            idp.map(|p| {
                p.role_map
                    .iter()
                    .map(|(v, r)| format!("{v} = {r}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default(),
        ),
        local_passwords: match typed {
            Some(f) => f.get("local_passwords") == "on",
            None => idp.is_none_or(|p| p.local_passwords),
        },
        callback: state
            .services
            .outbox()
            .link(aireg_service::sso::CALLBACK_PATH),
        roles: Role::ALL
            .iter()
            .map(|r| MapRow {
                value: r.as_str().to_string(),
                role: t.get(&r.message_id()),
            })
            .collect(),
        error,
    })?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

pub async fn settings(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, slug)): Path<(String, String)>,
    staff: Staff,
) -> Result<Response, AppError> {
    let org = admin_of(&state, &staff, &slug).await?;
    let idp = state.store.identity_provider(org.id).await?;
    settings_page(
        &state,
        lang,
        &uri,
        &staff,
        &org,
        idp.as_ref(),
        None,
        FormError::default(),
    )
}

pub async fn save_settings(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, slug)): Path<(String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let org = admin_of(&state, &staff, &slug).await?;
    let stored = state.store.identity_provider(org.id).await?;
    let t = lang.tr();
    let role_map =
        match parse_role_map(form.get("role_map")).map_err(|e| AppError::Invalid(vec![e])) {
            Ok(m) => m,
            Err(AppError::Invalid(e)) => {
                let error = FormError::of(&t, &e);
                return settings_page(
                    &state,
                    lang,
                    &uri,
                    &staff,
                    &org,
                    stored.as_ref(),
                    Some(&form),
                    error,
                );
            }
            Err(e) => return Err(e),
        };
    let issuer = form.get("issuer").trim().to_string();
    let client_id = form.get("client_id").trim().to_string();
    // An empty secret keeps the one saved (it is never shown again), but only for the same
    // provider and client: the secret is never sent to a provider it was not given for.
    let client_secret = match (form.get("client_secret"), &stored) {
        ("", Some(p)) if p.issuer == issuer && p.client_id == client_id => p.client_secret.clone(),
        (s, _) => s.to_string(),
    };
    let idp = IdentityProvider {
        org_id: org.id,
        issuer,
        client_id,
        client_secret,
        email_domains: form
            .get("email_domains")
            .split([',', ' ', '\n'])
            .map(|d| d.trim().trim_start_matches('@').to_lowercase())
            .filter(|d| !d.is_empty())
            .collect(),
        role_claim: form.get("role_claim").trim().to_string(),
        role_map,
        local_passwords: form.get("local_passwords") == "on",
        updated_at: state.services.now(),
    };
    match state
        .services
        .set_identity_provider(&staff.actor, idp)
        .await
    {
        Ok(()) => Ok(see_other(&format!(
            "/{}/staff/orgs/{}/sign-in?done=sso-saved",
            lang.code(),
            org.slug
        ))),
        Err(ServiceError::Invalid(e)) => {
            let error = FormError::of(&t, &e);
            settings_page(
                &state,
                lang,
                &uri,
                &staff,
                &org,
                stored.as_ref(),
                Some(&form),
                error,
            )
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn remove_settings(
    State(state): State<AppState>,
    lang: PageLang,
    Path((_, slug)): Path<(String, String)>,
    StaffForm { staff, .. }: StaffForm,
) -> Result<Response, AppError> {
    let org = admin_of(&state, &staff, &slug).await?;
    state
        .services
        .remove_identity_provider(&staff.actor, org.id)
        .await?;
    Ok(see_other(&format!(
        "/{}/staff/orgs/{}/sign-in?done=sso-removed",
        lang.code(),
        org.slug
    )))
}
