//! An organisation admin's page: who holds which role, and the members' API tokens.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;

use aireg_domain::org::Organisation;
use aireg_domain::person::Role;
use aireg_domain::policy::{Action, ReadScope, Resource, can};
use aireg_domain::{TokenId, UserId};
use aireg_service::ServiceError;

use super::public::{Opt, vocabulary_options};
use super::tokens::{OrgNames, TokenRow, token_row};
use super::{Chrome, PageLang, render, see_other};
use crate::auth::Staff;
use crate::error::AppError;
use crate::form::StaffForm;
use crate::state::AppState;

struct MemberRow {
    user_id: String,
    name: String,
    email: String,
    roles: Vec<(String, String)>,
    disabled: bool,
    /// Whether this organisation's admin may disable or enable the account (it holds roles
    /// here only, and is not the admin's own).
    may_disable: bool,
}

struct InvitationRow {
    email: String,
    role: String,
    expires: String,
}

#[derive(Template)]
#[template(path = "members.html")]
struct MembersPage {
    c: Chrome,
    org_name: String,
    slug: String,
    members: Vec<MemberRow>,
    invitations: Vec<InvitationRow>,
    roles: Vec<Opt>,
    tokens: Vec<TokenRow>,
    email: String,
    error: Option<String>,
    revoke_base: String,
    /// Whether the organisation requires a second factor of its password sign-ins.
    second_factor_required: bool,
}

/// The organisation, for one of its admins.
pub(super) async fn admin_of(
    state: &AppState,
    staff: &Staff,
    slug: &str,
) -> Result<Organisation, AppError> {
    let org = state
        .store
        .organisation_by_slug(slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if !can(&staff.actor, Action::ManageMembers, Resource::Org(org.id)) {
        return Err(AppError::Forbidden);
    }
    Ok(org)
}

#[allow(clippy::too_many_arguments)]
async fn members_page(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    staff: &Staff,
    org: &Organisation,
    email: String,
    error: Option<String>,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let scope = ReadScope::for_actor(&staff.actor);
    let members = state
        .store
        .members(&scope, org.id)
        .await?
        .into_iter()
        .map(|m| MemberRow {
            may_disable: !m.elsewhere && Some(m.user.id) != staff.actor.user_id(),
            disabled: m.user.disabled,
            user_id: m.user.id.to_string(),
            name: m.user.name,
            email: m.user.email,
            roles: m
                .roles
                .iter()
                .map(|r| (r.as_str().to_string(), t.get(&r.message_id())))
                .collect(),
        })
        .collect();
    let invitations = state
        .services
        .pending_invitations(&staff.actor, org.id)
        .await?
        .into_iter()
        .map(|l| InvitationRow {
            email: l.email,
            role: l.role.map(|r| t.get(&r.message_id())).unwrap_or_default(),
            expires: crate::format::datetime(l.expires_at, lang.0),
        })
        .collect();
    let names = OrgNames::load(state, lang.0).await?;
    let now = state.services.now();
    let tokens = state
        .services
        .member_tokens(&staff.actor, org.id)
        .await?
        .iter()
        .map(|(tok, user)| token_row(&t, tok, &user.name, &names, now))
        .collect();
    render(&MembersPage {
        c: Chrome::new(lang.0, uri, "dashboard", Some(staff)),
        org_name: org.display_name(lang.0).to_string(),
        slug: org.slug.clone(),
        members,
        invitations,
        roles: vocabulary_options::<Role>(lang.0, None),
        tokens,
        email,
        error,
        revoke_base: format!("/{}/staff/orgs/{}/tokens", lang.code(), org.slug),
        second_factor_required: state.store.second_factor_required(org.id).await?,
    })
}

pub async fn page(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, slug)): Path<(String, String)>,
    staff: Staff,
) -> Result<Response, AppError> {
    let org = admin_of(&state, &staff, &slug).await?;
    members_page(&state, lang, &uri, &staff, &org, String::new(), None).await
}

pub async fn invite(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, slug)): Path<(String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let org = admin_of(&state, &staff, &slug).await?;
    let t = lang.tr();
    let email = form.get("email").trim().to_string();
    let error = match Role::parse(form.get("role")) {
        None => t.get("members-choose-role"),
        Some(role) => match state
            .services
            .invite(&staff.actor, org.id, &email, role, lang.0)
            .await
        {
            // The same answer whether the address has an account or not.
            Ok(()) => {
                return Ok(see_other(&format!(
                    "/{}/staff/orgs/{}/members?done=member-invited",
                    lang.code(),
                    org.slug
                )));
            }
            Err(ServiceError::Invalid(e)) => e
                .first()
                .map(|e| crate::error::field_message(&t, &e.problem))
                .unwrap_or_default(),
            Err(e) => return Err(e.into()),
        },
    };
    let mut res = members_page(&state, lang, &uri, &staff, &org, email, Some(error)).await?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

/// Disables or enables a member's account.
pub async fn set_disabled(
    State(state): State<AppState>,
    lang: PageLang,
    Path((_, slug)): Path<(String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let org = admin_of(&state, &staff, &slug).await?;
    let user: UserId = form.get("user").parse().map_err(|_| AppError::NotFound)?;
    let disable = flag(&form, "disabled")?;
    state
        .services
        .set_member_disabled(&staff.actor, org.id, user, disable)
        .await?;
    let done = if disable {
        "member-disabled"
    } else {
        "member-enabled"
    };
    Ok(see_other(&format!(
        "/{}/staff/orgs/{}/members?done={done}",
        lang.code(),
        org.slug
    )))
}

pub async fn remove(
    State(state): State<AppState>,
    lang: PageLang,
    Path((_, slug)): Path<(String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let org = admin_of(&state, &staff, &slug).await?;
    let user: UserId = form.get("user").parse().map_err(|_| AppError::NotFound)?;
    let role = Role::parse(form.get("role")).ok_or(AppError::NotFound)?;
    state
        .services
        .remove_member(&staff.actor, org.id, user, role)
        .await?;
    Ok(see_other(&format!(
        "/{}/staff/orgs/{}/members?done=member-removed",
        lang.code(),
        org.slug
    )))
}

pub async fn revoke_token(
    State(state): State<AppState>,
    lang: PageLang,
    Path((_, slug, id)): Path<(String, String, String)>,
    StaffForm { staff, .. }: StaffForm,
) -> Result<Response, AppError> {
    let org = admin_of(&state, &staff, &slug).await?;
    let id: TokenId = id.parse().map_err(|_| AppError::NotFound)?;
    state
        .services
        .revoke_member_token(&staff.actor, org.id, id)
        .await?;
    Ok(see_other(&format!(
        "/{}/staff/orgs/{}/members?done=token-revoked",
        lang.code(),
        org.slug
    )))
}

/// Requires (or not) a second factor of the organisation's people who sign in with a password.
pub async fn require_second_factor(
    State(state): State<AppState>,
    lang: PageLang,
    Path((_, slug)): Path<(String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let org = admin_of(&state, &staff, &slug).await?;
    let required = flag(&form, "required")?;
    state
        .services
        .require_second_factor(&staff.actor, org.id, required)
        .await?;
    Ok(see_other(&format!(
        "/{}/staff/orgs/{}/members?done=saved",
        lang.code(),
        org.slug
    )))
}

/// A yes-or-no field of a form (`true` or `false`).
fn flag(form: &crate::form::FormData, name: &str) -> Result<bool, AppError> {
    match form.get(name) {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(AppError::BadRequest {
            field: Some(name.into()),
            detail: format!("{name} must be true or false"),
        }),
    }
}
