//! Public pages of an organisation: its published systems, its AI policy as the policy pack
//! states it, its contact details and its open data.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;

use aireg_domain::org::Organisation;
use aireg_domain::policy::ReadScope;
use aireg_service::reviews::pack_owner;
use aireg_store::{PageRequest, SystemFilter};

use super::policy::{PackView, pack_view};
use super::public::{Card, public_cards};
use super::{Chrome, PageLang, render};
use crate::auth::MaybeStaff;
use crate::error::AppError;
use crate::state::AppState;

/// How many of its systems the organisation's page lists (the register lists the rest).
const SHOWN: u32 = 20;

#[derive(Template)]
#[template(path = "org_public.html")]
struct OrgPage {
    c: Chrome,
    name: String,
    slug: String,
    website: Option<String>,
    business_id: Option<String>,
    parent: Option<(String, String)>,
    total: i64,
    items: Vec<Card>,
    /// The title of the AI policy that applies, when there is one.
    policy: Option<String>,
    /// The policy says how staff use AI (`Some`), and publishes its catalogue of tools (`true`).
    staff_use: Option<bool>,
    /// Staff's published AI usage: (month, tool, users, uses), the limit, how many held back.
    usage: Vec<(String, String, u32, u64)>,
    usage_min_users: u32,
    usage_suppressed: usize,
}

async fn org_by_slug(state: &AppState, slug: &str) -> Result<Organisation, AppError> {
    state
        .store
        .organisations()
        .await?
        .into_iter()
        .find(|o| o.slug == slug)
        .ok_or(AppError::NotFound)
}

pub async fn page(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, slug)): Path<(String, String)>,
    MaybeStaff(staff): MaybeStaff,
) -> Result<Response, AppError> {
    let org = org_by_slug(&state, &slug).await?;
    let orgs = state.store.organisations().await?;
    let tree = state.store.org_tree().await?;
    let filter = SystemFilter {
        orgs: Some(tree.descendants_and_self(org.id).into_iter().collect()),
        ..SystemFilter::default()
    };
    let scope = ReadScope::public();
    let page = state
        .store
        .systems(&scope, &filter, PageRequest::new(1, SHOWN))
        .await?;
    let items = public_cards(&state, lang.0, &orgs, &page.items).await?;
    let pack = state.services.pack_for(org.id).await?;
    let policy = pack.map(|p| p.title.get(lang.code()).to_string());
    let staff_use = pack.and_then(|p| p.staff_use.as_ref()).map(|s| s.publish);
    let usage = state
        .services
        .published_usage(org.id, state.config.usage_min_users)
        .await?;
    let rules = pack.and_then(|p| p.staff_use.as_ref());
    render(&OrgPage {
        c: Chrome::new(lang.0, &uri, "register", staff.as_ref()),
        name: org.display_name(lang.0).to_string(),
        slug: org.slug.clone(),
        website: org.website.clone(),
        business_id: org.business_id.clone(),
        parent: org
            .parent_id
            .and_then(|p| orgs.iter().find(|o| o.id == p))
            .map(|p| (p.display_name(lang.0).to_string(), p.slug.clone())),
        total: page.total,
        items,
        policy,
        staff_use,
        usage: usage
            .figures
            .iter()
            .map(|f| {
                (
                    f.month.clone(),
                    crate::api::usage::tool_name(rules, &f.tool, lang.0),
                    f.users,
                    f.uses,
                )
            })
            .collect(),
        usage_min_users: usage.min_users,
        usage_suppressed: usage.suppressed,
    })
}

#[derive(Template)]
#[template(path = "policy_public.html")]
struct PolicyPage {
    c: Chrome,
    org_name: String,
    slug: String,
    pack: Option<PackView>,
}

pub async fn policy(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, slug)): Path<(String, String)>,
    MaybeStaff(staff): MaybeStaff,
) -> Result<Response, AppError> {
    let org = org_by_slug(&state, &slug).await?;
    let orgs = state.store.organisations().await?;
    let tree = state.store.org_tree().await?;
    let t = lang.tr();
    let pack = state.services.pack_for(org.id).await?.map(|p| {
        let owner_id = pack_owner(&orgs, &tree, org.id, p);
        let owner = orgs
            .iter()
            .find(|o| o.id == owner_id)
            .map(|o| o.display_name(lang.0).to_string())
            .unwrap_or_default();
        pack_view(p, &state.services.content().templates, &owner, lang.0, &t)
    });
    render(&PolicyPage {
        c: Chrome::new(lang.0, &uri, "register", staff.as_ref()),
        org_name: org.display_name(lang.0).to_string(),
        slug: org.slug,
        pack,
    })
}
