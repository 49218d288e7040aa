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
use aireg_domain::governance::{
    ApprovalDecision, ApprovalId, ApprovalRequest, Assessment, AssessmentComment, AssessmentId,
    Attachment, Feedback, FeedbackId, FeedbackStatus, Incident, IncidentId, IncidentNote,
    IncidentStatus, Job, JobId, NewApprovalRequest, NewFeedback, NewIncident, NewJob, Notification,
    PolicyReview, Review,
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

/// An assessment to save: its answers as they are now.
#[derive(Debug, Clone)]
pub struct AssessmentDraft {
    pub system_id: SystemId,
    pub template_id: String,
    pub template_version: String,
    pub sign_off_body: String,
    pub answers: serde_json::Map<String, serde_json::Value>,
    /// Completed: every required answer given (the caller checked it with the template).
    pub complete: bool,
}

/// An evidence file to store with an incident (type already checked).
#[derive(Debug, Clone)]
pub struct NewAttachment {
    pub filename: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// Which reports (incidents, feedback) or approvals to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportFilter {
    pub orgs: Option<Vec<OrgId>>,
    pub system: Option<SystemId>,
    /// Only those not yet resolved or answered (approvals: still open).
    pub open_only: bool,
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
    /// Ends every session of an account (after its password was reset); returns how many.
    async fn delete_sessions_of(&self, user: UserId) -> StoreResult<u64>;
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

    // ----- governance: lifecycle, approvals, assessments, reviews -----

    /// Moves a record to another lifecycle state (`GovernSystem`); the caller has checked the
    /// gate of the organisation's policy. A new version in the history.
    async fn transition_system(
        &self,
        permit: &Permit,
        id: SystemId,
        expected_version: Option<i64>,
        to: Lifecycle,
        jobs: Vec<NewJob>,
    ) -> StoreResult<AiSystem>;
    /// Opens approval requests for a record (`GovernSystem`), with the e-mail jobs that tell the
    /// bodies' members.
    async fn request_approvals(
        &self,
        permit: &Permit,
        system: SystemId,
        requests: Vec<NewApprovalRequest>,
        jobs: Vec<NewJob>,
    ) -> StoreResult<Vec<ApprovalRequest>>;
    /// Records a decision on an open request (`DecideApproval` permit from a body member). The
    /// one who asked never decides, unless it is the system owner's own decision.
    async fn decide_approval(
        &self,
        permit: &Permit,
        id: ApprovalId,
        expected_version: i64,
        decision: ApprovalDecision,
        jobs: Vec<NewJob>,
    ) -> StoreResult<ApprovalRequest>;
    async fn approvals(
        &self,
        scope: &ReadScope,
        filter: &ReportFilter,
    ) -> StoreResult<Vec<ApprovalRequest>>;
    async fn approval(
        &self,
        scope: &ReadScope,
        id: ApprovalId,
    ) -> StoreResult<Option<ApprovalRequest>>;
    /// Saves an assessment's answers (`GovernSystem`): a new version; a signed one goes back to
    /// draft (it must be signed again).
    async fn save_assessment(
        &self,
        permit: &Permit,
        draft: AssessmentDraft,
        expected_version: Option<i64>,
    ) -> StoreResult<Assessment>;
    /// Signs off a completed assessment (`SignAssessment` permit from a body member).
    async fn sign_assessment(
        &self,
        permit: &Permit,
        id: AssessmentId,
        expected_version: i64,
    ) -> StoreResult<Assessment>;
    async fn assessments(
        &self,
        scope: &ReadScope,
        system: SystemId,
    ) -> StoreResult<Vec<Assessment>>;
    async fn assessment(
        &self,
        scope: &ReadScope,
        id: AssessmentId,
    ) -> StoreResult<Option<Assessment>>;
    async fn comment_assessment(
        &self,
        permit: &Permit,
        id: AssessmentId,
        question: Option<String>,
        text: String,
    ) -> StoreResult<AssessmentComment>;
    async fn assessment_comments(
        &self,
        scope: &ReadScope,
        id: AssessmentId,
    ) -> StoreResult<Vec<AssessmentComment>>;
    /// Records a review (`GovernSystem`) and moves the record's next review date (a new version).
    async fn record_review(
        &self,
        permit: &Permit,
        system: SystemId,
        findings: String,
        next_review: time::Date,
    ) -> StoreResult<Review>;
    async fn reviews(&self, scope: &ReadScope, system: SystemId) -> StoreResult<Vec<Review>>;
    /// Records a review of a policy pack (`ReviewPolicy` permit of the reviewing organisation).
    async fn record_policy_review(
        &self,
        permit: &Permit,
        policy_id: &str,
        policy_version: &str,
        findings: String,
        next_review: time::Date,
    ) -> StoreResult<PolicyReview>;
    async fn policy_reviews(&self, policy_id: &str) -> StoreResult<Vec<PolicyReview>>;
    /// Notes the policy pack versions in use; a pack seen for the first time or in a new version
    /// is audited. Returns the packs that changed.
    async fn note_policy_versions(
        &self,
        permit: &Permit,
        packs: &[(String, String)],
    ) -> StoreResult<Vec<(String, String)>>;

    // ----- incidents and feedback -----

    /// Files an incident report (`ReportIncident`) with its evidence and the jobs that notify
    /// its recipients; each e-mail job is recorded as a notification.
    async fn report_incident(
        &self,
        permit: &Permit,
        system: SystemId,
        incident: NewIncident,
        attachments: Vec<NewAttachment>,
        jobs: Vec<NewJob>,
    ) -> StoreResult<Incident>;
    async fn incidents(
        &self,
        scope: &ReadScope,
        filter: &ReportFilter,
    ) -> StoreResult<Vec<Incident>>;
    async fn incident(&self, scope: &ReadScope, id: IncidentId) -> StoreResult<Option<Incident>>;
    async fn attachments(&self, scope: &ReadScope, id: IncidentId) -> StoreResult<Vec<Attachment>>;
    async fn attachment_data(
        &self,
        scope: &ReadScope,
        id: uuid::Uuid,
    ) -> StoreResult<Option<(Attachment, Vec<u8>)>>;
    /// Moves an incident on (`HandleReports`), with a note.
    async fn update_incident(
        &self,
        permit: &Permit,
        id: IncidentId,
        expected_version: i64,
        status: IncidentStatus,
        note: String,
    ) -> StoreResult<Incident>;
    async fn incident_notes(
        &self,
        scope: &ReadScope,
        id: IncidentId,
    ) -> StoreResult<Vec<IncidentNote>>;
    /// Records that someone was told (`HandleReports`), e.g. the market surveillance authority.
    async fn record_notification(
        &self,
        permit: &Permit,
        id: IncidentId,
        recipient: String,
        channel: String,
        note: Option<String>,
    ) -> StoreResult<Notification>;
    async fn notifications(
        &self,
        scope: &ReadScope,
        id: IncidentId,
    ) -> StoreResult<Vec<Notification>>;
    /// A resident's message on a published record; no account. `response_days` from the policy.
    async fn submit_feedback(
        &self,
        system: SystemId,
        feedback: NewFeedback,
        response_days: u32,
        jobs: Vec<NewJob>,
    ) -> StoreResult<Feedback>;
    async fn feedback(
        &self,
        scope: &ReadScope,
        filter: &ReportFilter,
    ) -> StoreResult<Vec<Feedback>>;
    async fn feedback_item(
        &self,
        scope: &ReadScope,
        id: FeedbackId,
    ) -> StoreResult<Option<Feedback>>;
    /// Answers or closes feedback (`HandleReports`), with the e-mail that carries the answer.
    async fn respond_feedback(
        &self,
        permit: &Permit,
        id: FeedbackId,
        expected_version: i64,
        status: FeedbackStatus,
        response: Option<String>,
        jobs: Vec<NewJob>,
    ) -> StoreResult<Feedback>;

    // ----- the job queue -----

    /// Adds jobs outside any other change (the reminder scanner); those whose dedup key was
    /// ever used are skipped. Returns how many were added.
    async fn enqueue_jobs(&self, jobs: Vec<NewJob>) -> StoreResult<u64>;
    /// Takes the next due job for `lease`, or none.
    async fn claim_job(
        &self,
        now: OffsetDateTime,
        lease: time::Duration,
    ) -> StoreResult<Option<Job>>;
    /// Marks a job done, or failed to be retried at `retry_at` (none: given up).
    async fn finish_job(
        &self,
        id: JobId,
        now: OffsetDateTime,
        error: Option<String>,
        retry_at: Option<OffsetDateTime>,
    ) -> StoreResult<()>;
    /// Jobs whose dedup key starts with `dedup_prefix`, oldest first; `""` lists every job, also
    /// those without a key.
    async fn jobs(&self, dedup_prefix: &str) -> StoreResult<Vec<Job>>;

    // ----- audit -----

    /// The audit events of one entity (e.g. a record: `system`, its id), oldest first, for the
    /// scope's organisations (not for the public scope).
    async fn audit_of(
        &self,
        scope: &ReadScope,
        entity_type: &str,
        entity_id: &str,
    ) -> StoreResult<Vec<AuditEvent>>;
    /// Events with `seq > after`, in order, at most `limit`.
    async fn audit_events(&self, after: i64, limit: i64) -> StoreResult<Vec<AuditEvent>>;
    /// The separately kept chain head: last sequence number and hash.
    async fn audit_head(&self) -> StoreResult<Option<(i64, String)>>;
}
