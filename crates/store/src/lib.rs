//! The storage contract: what aireg keeps and how it is read, independent of the database engine.
//!
//! Reads of records take a [`ReadScope`]; writes take a [`Permit`] from the domain's
//! authorization policy, and every write appends to the audit chain in the same transaction.
//! The [`contract`] module holds the stories every engine must pass.

use async_trait::async_trait;
use time::OffsetDateTime;

use aireg_domain::audit::AuditEvent;
use aireg_domain::classification::{
    ClassificationRun, ObligationItemId, ObligationSpec, ObligationUpdate, RunId, RunSource,
    TrackedObligation,
};
use aireg_domain::org::{NewOrganisation, Organisation};
use aireg_domain::person::{Membership, NewUser, Role, User};
use aireg_domain::policy::{Actor, OrgTree, Permit, ReadScope};
use aireg_domain::product::Product;
use aireg_domain::system::{AiSystem, Lifecycle, Publication, SystemRecord, SystemVersion};
use aireg_domain::validation::FieldError;
use aireg_domain::{OrgId, ProductId, SystemId, TokenId, UserId};

pub mod contract;

/// Why a store operation did not happen.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No such thing, or not visible in the given scope.
    #[error("not found")]
    NotFound,
    /// Someone saved a newer version first; nothing was changed.
    #[error("the record was changed by someone else; the current version is {current}")]
    Conflict { current: i64 },
    /// The change refers to things that do not exist or break a uniqueness rule.
    #[error("invalid: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldError>),
    /// The permit does not cover this change.
    #[error("the permit does not cover this change")]
    Forbidden,
    /// The database failed or is unreachable.
    #[error("database error: {0}")]
    Backend(String),
}

impl StoreError {
    pub fn invalid(field: &str, problem: aireg_domain::validation::Problem) -> Self {
        StoreError::Invalid(vec![FieldError::new(field, problem)])
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

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

/// Filters of a record list. Organisation filters list every organisation to include (callers
/// expand a region to its members with [`OrgTree`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SystemFilter {
    pub orgs: Option<Vec<OrgId>>,
    pub lifecycle: Option<Lifecycle>,
    pub publication: Option<Publication>,
    /// Lower-cased text to find in names, summaries, vendor and keywords.
    pub text: Option<String>,
}

/// Which page of a list: `page` counts from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u32,
    pub per_page: u32,
}

impl PageRequest {
    pub const MAX_PER_PAGE: u32 = 100;

    pub fn new(page: u32, per_page: u32) -> Self {
        Self {
            page: page.max(1),
            per_page: per_page.clamp(1, Self::MAX_PER_PAGE),
        }
    }

    pub fn offset(&self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }

    pub fn limit(&self) -> i64 {
        i64::from(self.per_page)
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self::new(1, 20)
    }
}

/// One page of a list and the number of items in the whole list.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub request: PageRequest,
}

impl<T> Page<T> {
    pub fn pages(&self) -> i64 {
        let per = i64::from(self.request.per_page);
        ((self.total + per - 1) / per).max(1)
    }
}

/// A classification run to store: the store adds its id, organisation, time and author.
#[derive(Debug, Clone)]
pub struct NewClassificationRun {
    pub system_id: SystemId,
    pub pack_version: String,
    pub answers: std::collections::BTreeMap<String, serde_json::Value>,
    pub justifications: std::collections::BTreeMap<String, String>,
    pub facts: serde_json::Value,
    pub outcome: serde_json::Value,
    pub category: String,
    pub source: RunSource,
}

/// Which tracked obligations to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObligationFilter {
    pub orgs: Option<Vec<OrgId>>,
    pub system: Option<SystemId>,
    /// Only active ones that are to do or in progress.
    pub open_only: bool,
    /// Also those the latest classification no longer gives.
    pub include_inactive: bool,
}

/// A member of an organisation with the roles held there directly.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub user: User,
    pub roles: Vec<Role>,
}

/// Everything aireg keeps.
#[async_trait]
pub trait Store: Send + Sync {
    /// Which engine this is (`sqlite` or `postgres`), for logs and the health check.
    fn engine(&self) -> &'static str;

    /// Whether the database holds no organisations yet (a fresh install).
    async fn is_empty(&self) -> StoreResult<bool>;

    // ----- organisations -----

    async fn create_organisation(
        &self,
        permit: &Permit,
        org: NewOrganisation,
    ) -> StoreResult<Organisation>;
    /// Every organisation. Names and the hierarchy are public information.
    async fn organisations(&self) -> StoreResult<Vec<Organisation>>;
    async fn organisation(&self, id: OrgId) -> StoreResult<Option<Organisation>>;
    async fn organisation_by_slug(&self, slug: &str) -> StoreResult<Option<Organisation>>;
    async fn org_tree(&self) -> StoreResult<OrgTree>;

    // ----- people -----

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
    async fn memberships_of(&self, user: UserId) -> StoreResult<Vec<Membership>>;
    /// The actor for a person: account, memberships and the hierarchy they spread through.
    async fn actor(&self, user: UserId) -> StoreResult<Option<Actor>>;
    /// People holding roles directly in `org`; `org` must be visible in `scope`.
    async fn members(&self, scope: &ReadScope, org: OrgId) -> StoreResult<Vec<Member>>;
    /// Needs a `ManageMembers` permit for the membership's organisation (or a platform one).
    async fn add_membership(&self, permit: &Permit, m: Membership) -> StoreResult<()>;
    async fn remove_membership(&self, permit: &Permit, m: Membership) -> StoreResult<()>;

    // ----- sessions and sign-in throttling -----

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
    async fn delete_expired_sessions(&self, now: OffsetDateTime) -> StoreResult<u64>;
    async fn record_login_failure(&self, key: &str, at: OffsetDateTime) -> StoreResult<()>;
    async fn login_failures_since(&self, key: &str, since: OffsetDateTime) -> StoreResult<i64>;
    async fn clear_login_failures(&self, key: &str) -> StoreResult<()>;

    // ----- API tokens -----

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

    // ----- products -----

    async fn create_product(&self, permit: &Permit, product: Product) -> StoreResult<Product>;
    async fn products(&self) -> StoreResult<Vec<Product>>;
    async fn product(&self, id: ProductId) -> StoreResult<Option<Product>>;

    // ----- AI system records -----

    /// A new draft in the permit's organisation (`CreateSystem`).
    async fn create_system(&self, permit: &Permit, record: SystemRecord) -> StoreResult<AiSystem>;
    /// Saves a new version (`EditSystem`) if `expected_version` is still current.
    async fn update_system(
        &self,
        permit: &Permit,
        id: SystemId,
        expected_version: i64,
        record: SystemRecord,
    ) -> StoreResult<AiSystem>;
    /// Publishes or withdraws (`PublishSystem`); a new version in the history.
    async fn set_publication(
        &self,
        permit: &Permit,
        id: SystemId,
        expected_version: Option<i64>,
        publication: Publication,
    ) -> StoreResult<AiSystem>;
    /// One record as the scope may see it (the public scope gets the public view).
    async fn system(&self, scope: &ReadScope, id: SystemId) -> StoreResult<Option<AiSystem>>;
    async fn systems(
        &self,
        scope: &ReadScope,
        filter: &SystemFilter,
        page: PageRequest,
    ) -> StoreResult<Page<AiSystem>>;
    /// How many records each visible organisation has in each publication state.
    async fn system_counts(&self, scope: &ReadScope)
    -> StoreResult<Vec<(OrgId, Publication, i64)>>;
    /// Every version, oldest first (not for the public scope).
    async fn system_history(
        &self,
        scope: &ReadScope,
        id: SystemId,
    ) -> StoreResult<Vec<SystemVersion>>;

    // ----- AI Act classification and obligations -----

    /// Stores a classification run of a record (`EditSystem` permit) and brings the tracked
    /// obligations of the record and its organisation in line with `obligations`.
    async fn save_classification(
        &self,
        permit: &Permit,
        run: NewClassificationRun,
        obligations: Vec<ObligationSpec>,
    ) -> StoreResult<ClassificationRun>;
    /// A record's runs, newest first (not for the public scope).
    async fn classification_runs(
        &self,
        scope: &ReadScope,
        system: SystemId,
    ) -> StoreResult<Vec<ClassificationRun>>;
    async fn classification_run(
        &self,
        scope: &ReadScope,
        id: RunId,
    ) -> StoreResult<Option<ClassificationRun>>;
    /// The newest run of each record visible in the scope (the public scope sees those of
    /// published records), optionally of the given records only.
    async fn current_classifications(
        &self,
        scope: &ReadScope,
        systems: Option<&[SystemId]>,
    ) -> StoreResult<Vec<ClassificationRun>>;
    /// Tracked obligations visible in the scope (not for the public scope), by date.
    async fn obligations(
        &self,
        scope: &ReadScope,
        filter: &ObligationFilter,
    ) -> StoreResult<Vec<TrackedObligation>>;
    /// Records progress on an obligation (`TrackObligations` permit of its organisation) if
    /// `expected_version` is still current.
    async fn update_obligation(
        &self,
        permit: &Permit,
        id: ObligationItemId,
        expected_version: i64,
        update: ObligationUpdate,
    ) -> StoreResult<TrackedObligation>;

    // ----- audit -----

    /// Events with `seq > after`, in order, at most `limit`.
    async fn audit_events(&self, after: i64, limit: i64) -> StoreResult<Vec<AuditEvent>>;
    /// The separately kept chain head: last sequence number and hash.
    async fn audit_head(&self) -> StoreResult<Option<(i64, String)>>;
}
