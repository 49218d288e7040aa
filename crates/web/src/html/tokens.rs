//! A person's own API tokens: create (the token is shown once), list, revoke.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;

use std::collections::HashMap;

use time::OffsetDateTime;

use aireg_domain::policy::TokenScope;
use aireg_domain::{Lang, OrgId, TokenId};
use aireg_service::ServiceError;
use aireg_service::accounts::TokenRequest;
use aireg_store::ApiToken;

use super::public::Opt;
use super::{Chrome, FormError, PageLang, render, see_other};
use crate::auth::Staff;
use crate::error::AppError;
use crate::form::StaffForm;
use crate::format;
use crate::i18n::Tr;
use crate::state::AppState;

pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub prefix: String,
    /// The organisation it acts in, its scope and until when.
    pub reach: String,
    pub scope: String,
    pub expires: String,
    pub created: String,
    pub last_used: String,
    /// Revoked or expired, and when: such a token no longer works.
    pub ended: Option<String>,
    pub owner: String,
}

/// Organisations' names in a page's language, for saying where tokens act.
pub struct OrgNames(HashMap<OrgId, String>);

impl OrgNames {
    pub async fn load(state: &AppState, lang: Lang) -> Result<OrgNames, AppError> {
        Ok(OrgNames(
            state
                .store
                .organisations()
                .await?
                .iter()
                .map(|o| (o.id, o.display_name(lang).to_string()))
                .collect(),
        ))
    }
}

pub fn token_row(
    t: &Tr,
    tok: &ApiToken,
    owner: &str,
    orgs: &OrgNames,
    now: OffsetDateTime,
) -> TokenRow {
    let reach = match tok.org_id {
        Some(o) => orgs.0.get(&o).cloned().unwrap_or_default(),
        // Made before tokens belonged to an organisation, or a platform administrator's.
        None => t.get("token-every-organisation"),
    };
    let ended = match (tok.revoked_at, tok.expires_at) {
        (Some(r), _) => Some(t.get1("token-revoked-at", "time", format::datetime(r, t.lang))),
        (None, Some(e)) if e <= now => {
            Some(t.get1("token-expired-at", "time", format::datetime(e, t.lang)))
        }
        _ => None,
    };
    TokenRow {
        id: tok.id.to_string(),
        name: tok.name.clone(),
        prefix: tok.prefix.clone(),
        reach,
        scope: t.get(&tok.scope.message_id()),
        expires: tok
            .expires_at
            .map(|d| format::datetime(d, t.lang))
            .unwrap_or_else(|| t.get("token-no-expiry")),
        created: format::datetime(tok.created_at, t.lang),
        last_used: tok
            .last_used_at
            .map(|d| format::datetime(d, t.lang))
            .unwrap_or_else(|| t.get("token-never-used")),
        ended,
        owner: owner.to_string(),
    }
}

/// What the form asked for, to show again when it is refused.
#[derive(Default)]
struct Asked {
    name: String,
    org: String,
    scope: String,
    expires_in: String,
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    c: Chrome,
    tokens: Vec<TokenRow>,
    new_token: Option<String>,
    name: String,
    orgs: Vec<Opt>,
    scopes: Vec<Opt>,
    lifetimes: Vec<Opt>,
    /// The field the error is about, and the error.
    error: FormError,
    revoke_base: String,
}

/// Lifetimes offered on the page (the CLI takes any): up to the longest allowed.
const LIFETIMES: [(&str, i64); 5] = [
    ("7d", 7),
    ("30d", 30),
    ("90d", 90),
    ("180d", 180),
    ("365d", 365),
];

async fn page(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    staff: &Staff,
    new_token: Option<String>,
    asked: Asked,
    error: FormError,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let names = OrgNames::load(state, lang.0).await?;
    let now = state.services.now();
    let tokens = state
        .store
        .tokens_of(staff.user.id)
        .await?
        .iter()
        .map(|tok| token_row(&t, tok, &staff.user.name, &names, now))
        .collect();
    // The organisations where the person holds a role themself (a token acts there and in
    // the units below).
    let mut own: Vec<OrgId> = state
        .store
        .memberships_of(staff.user.id)
        .await?
        .iter()
        .map(|m| m.org_id)
        .collect();
    own.dedup();
    let mut orgs: Vec<Opt> = own
        .iter()
        .map(|o| Opt {
            value: o.to_string(),
            label: names.0.get(o).cloned().unwrap_or_default(),
            selected: asked.org == o.to_string(),
        })
        .collect();
    orgs.sort_by(|a, b| a.label.cmp(&b.label));
    if staff.actor.is_platform_admin() {
        orgs.insert(
            0,
            Opt {
                value: String::new(),
                label: t.get("token-every-organisation"),
                selected: asked.org.is_empty(),
            },
        );
    }
    let default_days = state.config.tokens.default_lifetime.whole_days();
    let max = state.config.tokens.max_lifetime;
    let lifetimes = LIFETIMES
        .iter()
        .filter(|(_, days)| time::Duration::days(*days) <= max)
        .map(|(value, days)| Opt {
            value: (*value).to_string(),
            label: t.get1("token-lifetime-days", "days", days),
            selected: if asked.expires_in.is_empty() {
                *days == default_days
            } else {
                asked.expires_in == *value
            },
        })
        .collect();
    let scopes = TokenScope::ALL
        .iter()
        .map(|s| Opt {
            value: s.as_str().to_string(),
            label: format!(
                "{}: {}",
                t.get(&s.message_id()),
                t.get(&format!("{}-hint", s.message_id()))
            ),
            selected: asked.scope == s.as_str()
                || (asked.scope.is_empty() && *s == TokenScope::Read),
        })
        .collect();
    render(&TokensPage {
        c: Chrome::new(lang.0, uri, "tokens", Some(staff)),
        tokens,
        new_token,
        name: asked.name,
        orgs,
        scopes,
        lifetimes,
        error,
        revoke_base: format!("/{}/staff/tokens", lang.code()),
    })
}

pub async fn own(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    staff: Staff,
) -> Result<Response, AppError> {
    page(
        &state,
        lang,
        &uri,
        &staff,
        None,
        Asked::default(),
        FormError::default(),
    )
    .await
}

pub async fn create(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let asked = Asked {
        name: form.get("name").trim().to_string(),
        org: form.get("org").trim().to_string(),
        scope: form.get("scope").trim().to_string(),
        expires_in: form.get("expires_in").trim().to_string(),
    };
    let Some(scope) = TokenScope::parse(&asked.scope) else {
        return Err(AppError::BadRequest {
            field: Some("scope".into()),
            detail: format!("scope must be one of: {}", TokenScope::allowed().join(", ")),
        });
    };
    let org = match asked.org.as_str() {
        "" => None,
        o => Some(o.parse::<OrgId>().map_err(|_| AppError::BadRequest {
            field: Some("org".into()),
            detail: "org must be an organisation id".into(),
        })?),
    };
    let request = TokenRequest {
        name: asked.name.clone(),
        org,
        scope,
        lifetime: asked.expires_in.clone(),
    };
    match state
        .services
        .create_own_token(&staff.actor, request, &state.config.tokens)
        .await
    {
        // Shown on this response only: the secret is in no URL, no log and not in the
        // database.
        Ok((_, secret)) => {
            page(
                &state,
                lang,
                &uri,
                &staff,
                Some(secret),
                Asked::default(),
                FormError::default(),
            )
            .await
        }
        Err(ServiceError::Invalid(e)) => {
            let error = FormError::of(&t, &e);
            let mut res = page(&state, lang, &uri, &staff, None, asked, error).await?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn revoke_own(
    State(state): State<AppState>,
    lang: PageLang,
    Path((_, id)): Path<(String, String)>,
    StaffForm { staff, .. }: StaffForm,
) -> Result<Response, AppError> {
    let id: TokenId = id.parse().map_err(|_| AppError::NotFound)?;
    state.services.revoke_own_token(&staff.actor, id).await?;
    Ok(see_other(&format!(
        "/{}/staff/tokens?done=token-revoked",
        lang.code()
    )))
}
