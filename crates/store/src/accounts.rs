//! Accounts, their memberships, sessions and API tokens.

use aireg_domain::person::{Membership, NewUser, Role, User};
use aireg_domain::policy::{Actor, Permit, ReadScope};
use aireg_domain::{OrgId, TokenId, UserId};
use async_trait::async_trait;
use time::OffsetDateTime;

use crate::StoreResult;

/// A server-side session. The cookie carries a random id; only its hash is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id_hash: String,
    pub user_id: UserId,
    /// Sent back with every form; checked on every state-changing request.
    pub csrf_token: String,
    pub created_at: OffsetDateTime,
    pub last_seen_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// An API token as stored: the secret itself is shown once and only its hash kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: TokenId,
    pub user_id: UserId,
    pub name: String,
    /// The first characters of the token, so people can tell their tokens apart.
    pub prefix: String,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
}

/// A new API token (the secret's hash and display prefix come from the caller).
#[derive(Debug, Clone)]
pub struct NewApiToken {
    pub user_id: UserId,
    pub name: String,
    pub hash: String,
    pub prefix: String,
}

/// A member of an organisation with the roles held there directly.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub user: User,
    pub roles: Vec<Role>,
}

/// Accounts and the roles they hold in organisations.
#[async_trait]
pub trait AccountStore: Send + Sync {
    async fn create_user(
        &self,
        permit: &Permit,
        user: NewUser,
        password_hash: &str,
    ) -> StoreResult<User>;

    async fn user(&self, id: UserId) -> StoreResult<Option<User>>;

    /// The account and its password hash, for signing in.
    async fn user_by_email(&self, email: &str) -> StoreResult<Option<(User, String)>>;

    async fn set_password(
        &self,
        permit: &Permit,
        user: UserId,
        password_hash: &str,
    ) -> StoreResult<()>;

    /// Disables or enables an account (platform permit only). A disabled account cannot sign
    /// in, its sessions are deleted in the same transaction and its API tokens are refused
    /// until it is enabled again. Setting the state it already has changes nothing.
    async fn set_user_disabled(
        &self,
        permit: &Permit,
        user: UserId,
        disabled: bool,
    ) -> StoreResult<()>;

    async fn memberships_of(&self, user: UserId) -> StoreResult<Vec<Membership>>;

    /// The actor for a person: account, memberships and the hierarchy they spread through.
    async fn actor(&self, user: UserId) -> StoreResult<Option<Actor>>;

    /// People holding roles directly in `org`; `org` must be visible in `scope`.
    async fn members(&self, scope: &ReadScope, org: OrgId) -> StoreResult<Vec<Member>>;

    /// Needs a `ManageMembers` permit for the membership's organisation (or a platform one).
    async fn add_membership(&self, permit: &Permit, m: Membership) -> StoreResult<()>;

    async fn remove_membership(&self, permit: &Permit, m: Membership) -> StoreResult<()>;
}

/// Sign-in sessions and the throttling of failed sign-ins.
#[async_trait]
pub trait SessionStore: Send + Sync {
    async fn create_session(&self, session: &Session) -> StoreResult<()>;

    /// The session, if it exists and has not expired at `now`.
    async fn session(&self, id_hash: &str, now: OffsetDateTime) -> StoreResult<Option<Session>>;

    async fn touch_session(
        &self,
        id_hash: &str,
        now: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> StoreResult<()>;

    async fn delete_session(&self, id_hash: &str) -> StoreResult<()>;

    /// Ends every session of an account (after its password was reset); returns how many.
    async fn delete_sessions_of(&self, user: UserId) -> StoreResult<u64>;

    async fn delete_expired_sessions(&self, now: OffsetDateTime) -> StoreResult<u64>;

    async fn record_login_failure(&self, key: &str, at: OffsetDateTime) -> StoreResult<()>;

    async fn login_failures_since(&self, key: &str, since: OffsetDateTime) -> StoreResult<i64>;

    async fn clear_login_failures(&self, key: &str) -> StoreResult<()>;

    /// Forgets failures older than `before` (the longest throttling window is an hour);
    /// returns how many.
    async fn delete_login_failures_before(&self, before: OffsetDateTime) -> StoreResult<u64>;
}

/// API tokens.
#[async_trait]
pub trait TokenStore: Send + Sync {
    /// Needs a `ManageOwnAccount` permit for the token's user, or a platform one.
    async fn create_token(&self, permit: &Permit, token: NewApiToken) -> StoreResult<ApiToken>;

    async fn tokens_of(&self, user: UserId) -> StoreResult<Vec<ApiToken>>;

    /// Tokens of everyone holding a role in the permit's organisation (`ManageMembers`).
    async fn tokens_of_members(&self, permit: &Permit) -> StoreResult<Vec<(ApiToken, User)>>;

    /// Own token (`ManageOwnAccount`), a member's token (`ManageMembers` of an organisation
    /// where the token's owner holds a role) or any (platform).
    async fn revoke_token(&self, permit: &Permit, token: TokenId) -> StoreResult<()>;

    /// An unrevoked token by its hash, with its account; records the use.
    async fn token_by_hash(
        &self,
        hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Option<(ApiToken, User)>>;
}
