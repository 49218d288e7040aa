//! Accounts, their memberships, sessions and API tokens.

use aireg_domain::person::{Membership, NewUser, Role, User};
use aireg_domain::policy::{Actor, Permit, ReadScope, TokenScope};
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
    /// The browser that signed in (its User-Agent, shortened), so a person can tell their
    /// sessions apart.
    pub user_agent: Option<String>,
    /// How: `password`, or the issuer of the identity provider.
    pub signed_in_with: Option<String>,
    /// Past the password but not yet the authenticator app's code: signs no one in.
    pub awaiting_code: bool,
}

/// An API token as stored: the secret itself is shown once and only its hash kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: TokenId,
    pub user_id: UserId,
    pub name: String,
    /// The first characters of the token, so people can tell their tokens apart.
    pub prefix: String,
    /// The organisation it acts in (with the units below); `None`: a platform
    /// administrator's token, or one made before tokens belonged to an organisation.
    pub org_id: Option<OrgId>,
    pub scope: TokenScope,
    /// `None` only for tokens made before tokens expired.
    pub expires_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
    /// To the hour: recording every use would queue a write behind every request.
    pub last_used_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
}

impl ApiToken {
    pub fn is_expired(&self, now: OffsetDateTime) -> bool {
        self.expires_at.is_some_and(|e| e <= now)
    }
}

/// A new API token (the secret's hash and display prefix come from the caller).
#[derive(Debug, Clone)]
pub struct NewApiToken {
    pub user_id: UserId,
    pub name: String,
    pub hash: String,
    pub prefix: String,
    pub org_id: Option<OrgId>,
    pub scope: TokenScope,
    pub expires_at: OffsetDateTime,
}

/// What a single-use link sent by e-mail is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    /// To hold a role in an organisation (creating the account if there is none).
    Invitation,
    /// To set a new password.
    PasswordReset,
}

impl LinkPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::Invitation => "invitation",
            LinkPurpose::PasswordReset => "password_reset",
        }
    }

    pub fn parse(s: &str) -> Option<LinkPurpose> {
        match s {
            "invitation" => Some(LinkPurpose::Invitation),
            "password_reset" => Some(LinkPurpose::PasswordReset),
            _ => None,
        }
    }
}

/// A single-use link: the secret is in the e-mail only; its hash is the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountLink {
    pub purpose: LinkPurpose,
    /// Lower-cased.
    pub email: String,
    /// An invitation's organisation and role.
    pub org_id: Option<OrgId>,
    pub role: Option<Role>,
    pub created_by: Option<UserId>,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub used_at: Option<OffsetDateTime>,
}

/// Who takes up an invitation: an account already signed in with the invited address, or a
/// new account with that address.
#[derive(Debug, Clone)]
pub enum Invitee {
    Existing(UserId),
    New {
        user: NewUser,
        password_hash: String,
    },
}

/// Invitations and password resets.
#[async_trait]
pub trait LinkStore: Send + Sync {
    /// Saves a link with the e-mail that carries it. An invitation needs a `ManageMembers`
    /// permit for its organisation; a reset is asked for by someone not signed in (`None`).
    async fn create_link(
        &self,
        permit: Option<&Permit>,
        id_hash: &str,
        link: &AccountLink,
        jobs: Vec<aireg_domain::governance::NewJob>,
    ) -> StoreResult<()>;

    /// The link, if it is unused and unexpired at `now`.
    async fn open_link(
        &self,
        id_hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Option<AccountLink>>;

    /// Takes up an invitation, once: the membership (and the new account) and the link's use
    /// in one transaction. `NotFound` if the link is used, expired or not an invitation; an
    /// existing account must have the invited address.
    async fn accept_invitation(
        &self,
        id_hash: &str,
        invitee: Invitee,
        now: OffsetDateTime,
    ) -> StoreResult<User>;

    /// Sets the password of the account the reset link was sent to, once; ends its sessions
    /// and revokes its API tokens (a reset usually means the old password got out). `NotFound`
    /// if the link is used, expired, or the account is gone or disabled.
    async fn reset_password(
        &self,
        id_hash: &str,
        password_hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<User>;

    /// Invitations of the permit's organisation not yet taken up (`ManageMembers`), newest
    /// first, at most 200.
    async fn pending_invitations(
        &self,
        permit: &Permit,
        now: OffsetDateTime,
    ) -> StoreResult<Vec<AccountLink>>;

    /// Forgets links that expired before `before`; returns how many.
    async fn delete_links_before(&self, before: OffsetDateTime) -> StoreResult<u64>;
}

/// A member of an organisation with the roles held there directly.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub user: User,
    pub roles: Vec<Role>,
    /// Whether their account also holds roles in another organisation (then this one's admins
    /// may not disable it).
    pub elsewhere: bool,
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

    /// The account's authenticator app secret (base32), if it has one.
    async fn totp_secret(&self, user: UserId) -> StoreResult<Option<String>>;

    /// Sets or (with `None`) removes the account's authenticator app secret: its own account
    /// (`ManageOwnAccount`) or the platform. Audited without the secret.
    async fn set_totp_secret(
        &self,
        permit: &Permit,
        user: UserId,
        secret: Option<&str>,
    ) -> StoreResult<()>;

    /// Whether an organisation where the account holds a role requires a second factor.
    async fn second_factor_required_for(&self, user: UserId) -> StoreResult<bool>;

    async fn second_factor_required(&self, org: OrgId) -> StoreResult<bool>;

    /// Requires (or not) a second factor of the organisation's people who sign in with a
    /// password (`ManageMembers`).
    async fn set_second_factor_required(
        &self,
        permit: &Permit,
        org: OrgId,
        required: bool,
    ) -> StoreResult<()>;
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

    /// An account's sessions in use at `now`, newest first (at most 100).
    async fn sessions_of(&self, user: UserId, now: OffsetDateTime) -> StoreResult<Vec<Session>>;

    /// Ends the account's sessions other than `keep` (after a password change); returns how
    /// many.
    async fn delete_other_sessions(&self, user: UserId, keep: &str) -> StoreResult<u64>;

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

    /// An unrevoked token by its hash, expired or not, with its account; records the use (at
    /// most once an hour).
    async fn token_by_hash(
        &self,
        hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Option<(ApiToken, User)>>;
}
