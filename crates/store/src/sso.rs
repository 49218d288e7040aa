//! Sign-in through an organisation's own identity provider (OpenID Connect): the provider's
//! settings, and the accounts that sign in through it with the roles its claims give.

use async_trait::async_trait;
use time::OffsetDateTime;

use aireg_domain::person::{Role, User};
use aireg_domain::policy::Permit;
use aireg_domain::{Lang, OrgId, UserId};

use crate::StoreResult;

/// An organisation's OpenID provider and aireg's client there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityProvider {
    pub org_id: OrgId,
    /// The issuer identifier; its discovery document is `{issuer}/.well-known/openid-configuration`.
    pub issuer: String,
    pub client_id: String,
    /// Kept in the database as given: whoever reads the database can use it (see the
    /// operations notes on protecting the database file).
    pub client_secret: String,
    /// Lower-case e-mail domains the provider speaks for (`kajaani.fi`); sign-ins with other
    /// addresses are refused.
    pub email_domains: Vec<String>,
    /// The ID token claim holding groups or roles (`groups`, `roles`).
    pub role_claim: String,
    /// Which claim value gives which role in the organisation.
    pub role_map: Vec<(String, Role)>,
    /// Whether the organisation's people may still sign in with a password.
    pub local_passwords: bool,
    pub updated_at: OffsetDateTime,
}

/// Someone the provider vouched for, after the ID token was checked.
#[derive(Debug, Clone)]
pub struct ExternalSignIn {
    pub org_id: OrgId,
    pub issuer: String,
    pub subject: String,
    /// Lower-cased, in one of the provider's domains, verified by the provider.
    pub email: String,
    pub name: String,
    pub language: Lang,
    /// The roles the claims give now: exactly these are the provider's roles afterwards.
    pub roles: Vec<Role>,
}

/// A sign-in on its way to a provider and back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingSignIn {
    /// The hash of the `state` parameter.
    pub state_hash: String,
    /// The hash of the cookie that binds it to the browser that started it.
    pub browser_hash: String,
    pub org_id: OrgId,
    pub nonce: String,
    pub pkce_verifier: String,
    /// Where to go afterwards (a path on this site).
    pub next_path: String,
    pub lang: Lang,
    pub expires_at: OffsetDateTime,
}

#[async_trait]
pub trait IdentityProviderStore: Send + Sync {
    /// Every organisation's provider (few: one per organisation at most).
    async fn identity_providers(&self) -> StoreResult<Vec<IdentityProvider>>;

    async fn identity_provider(&self, org: OrgId) -> StoreResult<Option<IdentityProvider>>;

    /// Sets the organisation's provider (`ManageMembers` for it, or platform). Audited without
    /// the client secret.
    async fn set_identity_provider(&self, permit: &Permit, p: IdentityProvider) -> StoreResult<()>;

    async fn remove_identity_provider(&self, permit: &Permit, org: OrgId) -> StoreResult<()>;

    /// Whether the account holds a role in an organisation that has turned passwords off.
    async fn passwords_off_for(&self, user: UserId) -> StoreResult<bool>;

    /// Signs someone in whom the provider vouched for: the account linked to the provider's
    /// subject, or else the account with the address (now linked), or else a new one without a
    /// password; then the roles that came from the provider in that organisation become
    /// exactly `roles` (roles given in aireg stay). One transaction, audited. `NotFound` for a
    /// disabled account; `Forbidden` for an account found by its address that is not the
    /// organisation's to vouch for (a platform administrator, one with a second factor, or one
    /// holding roles outside the provider's organisation).
    async fn sign_in_external(&self, who: &ExternalSignIn) -> StoreResult<User>;

    async fn save_pending_sign_in(&self, p: &PendingSignIn) -> StoreResult<()>;

    /// Takes the pending sign-in with this state hash away, so that it can be taken only once;
    /// `None` if there is none (never was, taken already, or expired at `now`).
    async fn take_pending_sign_in(
        &self,
        state_hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Option<PendingSignIn>>;

    /// Forgets pending sign-ins that expired before `before`.
    async fn delete_pending_sign_ins_before(&self, before: OffsetDateTime) -> StoreResult<u64>;
}
