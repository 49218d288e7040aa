//! A person's own API tokens: create (the token is shown once), list, revoke.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;

use aireg_domain::TokenId;
use aireg_service::ServiceError;
use aireg_store::ApiToken;

use super::{Chrome, PageLang, render, see_other};
use crate::auth::Staff;
use crate::error::{AppError, field_message};
use crate::form::StaffForm;
use crate::format;
use crate::i18n::Tr;
use crate::state::AppState;

pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub prefix: String,
    pub created: String,
    pub last_used: String,
    pub revoked: Option<String>,
    pub owner: String,
}

pub fn token_row(t: &Tr, tok: &ApiToken, owner: &str) -> TokenRow {
    TokenRow {
        id: tok.id.to_string(),
        name: tok.name.clone(),
        prefix: tok.prefix.clone(),
        created: format::datetime(tok.created_at, t.lang),
        last_used: tok
            .last_used_at
            .map(|d| format::datetime(d, t.lang))
            .unwrap_or_else(|| t.get("token-never-used")),
        revoked: tok.revoked_at.map(|d| format::datetime(d, t.lang)),
        owner: owner.to_string(),
    }
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    c: Chrome,
    tokens: Vec<TokenRow>,
    new_token: Option<String>,
    name: String,
    error: Option<String>,
    revoke_base: String,
}

async fn page(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    staff: &Staff,
    new_token: Option<String>,
    name: String,
    error: Option<String>,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let tokens = state
        .store
        .tokens_of(staff.user.id)
        .await?
        .iter()
        .map(|tok| token_row(&t, tok, &staff.user.name))
        .collect();
    render(&TokensPage {
        c: Chrome::new(lang.0, uri, "tokens", Some(staff)),
        tokens,
        new_token,
        name,
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
    page(&state, lang, &uri, &staff, None, String::new(), None).await
}

pub async fn create(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let name = form.get("name").trim().to_string();
    match state.services.create_own_token(&staff.actor, &name).await {
        // Shown on this response only: the secret is in no URL, no log and not in the
        // database.
        Ok((_, secret)) => {
            page(
                &state,
                lang,
                &uri,
                &staff,
                Some(secret),
                String::new(),
                None,
            )
            .await
        }
        Err(ServiceError::Invalid(e)) => {
            let error = e.first().map(|e| field_message(&t, &e.problem));
            let mut res = page(&state, lang, &uri, &staff, None, name, error).await?;
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
