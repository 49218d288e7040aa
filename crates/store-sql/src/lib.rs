//! The [`Store`] on SQLite (embedded, the default) and PostgreSQL.
//!
//! One implementation serves both engines: the SQL lives in `queries/` and is written in the
//! dialect both accept, and each operation is written once inside [`on_pool!`]/[`on_tx!`], which
//! expand it for the engine in use. What differs lives in `sqlite.rs` and `postgres.rs`:
//! connecting, the migration sets (`migrations/sqlite`, `migrations/postgres`), how a write
//! transaction takes its lock, and reading the schema for the parity test.
//!
//! Every write runs in one transaction with its audit event: either both are stored or neither.

use std::str::FromStr;

use async_trait::async_trait;
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};
use time::OffsetDateTime;

use aireg_domain::audit::{AuditEvent, NewAuditEvent};
use aireg_domain::classification::{
    ClassificationRun, ObligationItemId, ObligationSpec, ObligationUpdate, RunId, TrackedObligation,
};
use aireg_domain::governance::{
    ApprovalDecision, ApprovalId, ApprovalRequest, Assessment, AssessmentComment, AssessmentId,
    Attachment, Feedback, FeedbackId, FeedbackStatus, Incident, IncidentId, IncidentNote,
    IncidentStatus, Job, JobId, NewApprovalRequest, NewFeedback, NewIncident, NewJob, Notification,
    PolicyReview, Review,
};
use aireg_domain::org::{NewOrganisation, Organisation};
use aireg_domain::person::{Membership, NewUser, User};
use aireg_domain::policy::{Actor, OrgTree, Permit, ReadScope};
use aireg_domain::product::Product;
use aireg_domain::system::Lifecycle;
use aireg_domain::system::{AiSystem, Publication, SystemRecord, SystemVersion};
use aireg_domain::{OrgId, ProductId, SystemId, TokenId, UserId, clock};
use aireg_store::{
    ApiToken, AssessmentDraft, Member, NewApiToken, NewAttachment, NewClassificationRun,
    ObligationFilter, Page, PageRequest, ReportFilter, Session, Store, StoreError, StoreResult,
    SystemFilter,
};

/// Runs `$body` with `$pool` bound to the connection pool of the engine in use. The body is
/// written once and compiled for both engines.
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match &$store.db {
            $crate::Db::Sqlite($pool) => $body,
            $crate::Db::Postgres($pool) => $body,
        }
    };
}

/// Runs `$body` with `$conn` bound to the open transaction's connection (`&mut` to it; reborrow
/// with `&mut *$conn` for each query).
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match &mut $tx.tx {
            $crate::Tx::Sqlite(t) => {
                let $conn = &mut **t;
                $body
            }
            $crate::Tx::Postgres(t) => {
                let $conn = &mut **t;
                $body
            }
        }
    };
}

/// The text of a shared query in the workspace's `queries/` folder.
macro_rules! sql {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../queries/",
            $name,
            ".sql"
        ))
    };
}

mod audit;
mod classification;
mod governance;
mod jobs;
mod orgs;
mod people;
pub mod postgres;
mod products;
mod reports;
mod rows;
pub mod schema;
mod sessions;
pub mod sqlite;
mod systems;
pub mod testing;
mod tokens;
mod ts;

pub(crate) enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

pub(crate) enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// A write in progress: the transaction, the audit chain head it holds, the time of the change
/// and who makes it.
pub(crate) struct WriteTx {
    tx: Tx,
    head: (i64, String),
    now: OffsetDateTime,
    actor_id: Option<UserId>,
    actor_name: String,
}

impl WriteTx {
    /// Appends an audit event to the chain inside this transaction.
    async fn audit(&mut self, event: NewAuditEvent) -> StoreResult<()> {
        audit::append(self, event).await
    }

    async fn commit(self) -> StoreResult<()> {
        match self.tx {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
        .map_err(backend)
    }
}

/// Why a database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("unsupported database URL {0:?}: use sqlite:PATH or postgres://…")]
    UnsupportedUrl(String),
    #[error("cannot open the database: {0}")]
    Open(#[from] sqlx::Error),
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("cannot fill in data for a migration: {0}")]
    Backfill(String),
}

/// The store over SQLite or PostgreSQL, chosen by the URL scheme.
pub struct SqlStore {
    db: Db,
}

impl SqlStore {
    /// Opens the database at `url` (`sqlite:path/to/file.db`, `postgres://…`). SQLite files
    /// are created when missing.
    pub async fn connect(url: &str) -> Result<SqlStore, ConnectError> {
        let db = if url.starts_with("sqlite:") {
            Db::Sqlite(sqlite::connect(url).await?)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Db::Postgres(postgres::connect(url).await?)
        } else {
            return Err(ConnectError::UnsupportedUrl(redact(url)));
        };
        Ok(SqlStore { db })
    }

    /// Applies the engine's pending migrations.
    pub async fn migrate(&self) -> Result<(), ConnectError> {
        match &self.db {
            Db::Sqlite(p) => sqlite::MIGRATOR.run(p).await?,
            Db::Postgres(p) => postgres::MIGRATOR.run(p).await?,
        }
        systems::backfill_public_search(self)
            .await
            .map_err(|e| ConnectError::Backfill(e.to_string()))?;
        Ok(())
    }

    /// Closes every connection (SQLite checkpoints its write-ahead log).
    pub async fn close(&self) {
        on_pool!(self, p => p.close().await)
    }

    /// Starts a write: the transaction takes the audit chain head first, which serialises
    /// writers on both engines (see the engine modules).
    pub(crate) async fn begin_write(&self, permit: &Permit) -> StoreResult<WriteTx> {
        self.begin_write_as(permit.actor_id(), permit.actor_name())
            .await
    }

    /// A write by someone without an account (a resident's feedback) or by the system itself
    /// (the job queue), recorded under `actor_name`.
    pub(crate) async fn begin_write_as(
        &self,
        actor_id: Option<UserId>,
        actor_name: &str,
    ) -> StoreResult<WriteTx> {
        let (tx, head) = match &self.db {
            Db::Sqlite(p) => {
                let (t, head) = sqlite::begin_write(p).await.map_err(backend)?;
                (Tx::Sqlite(t), head)
            }
            Db::Postgres(p) => {
                let (t, head) = postgres::begin_write(p).await.map_err(backend)?;
                (Tx::Postgres(t), head)
            }
        };
        Ok(WriteTx {
            tx,
            head,
            now: clock::now(),
            actor_id,
            actor_name: actor_name.to_string(),
        })
    }
}

/// A URL with any password replaced, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Any database failure not handled more specifically.
pub(crate) fn backend(e: sqlx::Error) -> StoreError {
    StoreError::Backend(e.to_string())
}

/// A stored value that no longer parses: the database was edited outside aireg.
pub(crate) fn corrupt(what: &str, value: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(format!("unreadable {what} in the database: {value}"))
}

/// An insert's result, with a unique-key violation reported as `field` being taken.
pub(crate) fn unique(result: Result<u64, sqlx::Error>, field: &str) -> StoreResult<u64> {
    match result {
        Err(sqlx::Error::Database(d)) if d.is_unique_violation() => Err(StoreError::invalid(
            field,
            aireg_domain::validation::Problem::Taken,
        )),
        other => other.map_err(backend),
    }
}

pub(crate) fn parse_id<T: FromStr>(what: &str, s: &str) -> StoreResult<T> {
    s.parse().map_err(|_| corrupt(what, s))
}

#[async_trait]
impl Store for SqlStore {
    fn engine(&self) -> &'static str {
        match self.db {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    async fn is_empty(&self) -> StoreResult<bool> {
        orgs::is_empty(self).await
    }

    async fn create_organisation(
        &self,
        permit: &Permit,
        org: NewOrganisation,
    ) -> StoreResult<Organisation> {
        orgs::create(self, permit, org).await
    }

    async fn organisations(&self) -> StoreResult<Vec<Organisation>> {
        orgs::all(self).await
    }

    async fn organisation(&self, id: OrgId) -> StoreResult<Option<Organisation>> {
        orgs::by_id(self, id).await
    }

    async fn organisation_by_slug(&self, slug: &str) -> StoreResult<Option<Organisation>> {
        orgs::by_slug(self, slug).await
    }

    async fn org_tree(&self) -> StoreResult<OrgTree> {
        orgs::tree(self).await
    }

    async fn create_user(
        &self,
        permit: &Permit,
        user: NewUser,
        password_hash: &str,
    ) -> StoreResult<User> {
        people::create_user(self, permit, user, password_hash).await
    }

    async fn user(&self, id: UserId) -> StoreResult<Option<User>> {
        people::user(self, id).await
    }

    async fn user_by_email(&self, email: &str) -> StoreResult<Option<(User, String)>> {
        people::user_by_email(self, email).await
    }

    async fn set_password(
        &self,
        permit: &Permit,
        user: UserId,
        password_hash: &str,
    ) -> StoreResult<()> {
        people::set_password(self, permit, user, password_hash).await
    }

    async fn set_user_disabled(
        &self,
        permit: &Permit,
        user: UserId,
        disabled: bool,
    ) -> StoreResult<()> {
        people::set_disabled(self, permit, user, disabled).await
    }

    async fn memberships_of(&self, user: UserId) -> StoreResult<Vec<Membership>> {
        people::memberships_of(self, user).await
    }

    async fn actor(&self, user: UserId) -> StoreResult<Option<Actor>> {
        people::actor(self, user).await
    }

    async fn members(&self, scope: &ReadScope, org: OrgId) -> StoreResult<Vec<Member>> {
        people::members(self, scope, org).await
    }

    async fn add_membership(&self, permit: &Permit, m: Membership) -> StoreResult<()> {
        people::add_membership(self, permit, m).await
    }

    async fn remove_membership(&self, permit: &Permit, m: Membership) -> StoreResult<()> {
        people::remove_membership(self, permit, m).await
    }

    async fn create_session(&self, session: &Session) -> StoreResult<()> {
        sessions::create(self, session).await
    }

    async fn session(&self, id_hash: &str, now: OffsetDateTime) -> StoreResult<Option<Session>> {
        sessions::get(self, id_hash, now).await
    }

    async fn touch_session(
        &self,
        id_hash: &str,
        now: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> StoreResult<()> {
        sessions::touch(self, id_hash, now, expires_at).await
    }

    async fn delete_session(&self, id_hash: &str) -> StoreResult<()> {
        sessions::delete(self, id_hash).await
    }

    async fn delete_sessions_of(&self, user: UserId) -> StoreResult<u64> {
        sessions::delete_of_user(self, user).await
    }

    async fn delete_expired_sessions(&self, now: OffsetDateTime) -> StoreResult<u64> {
        sessions::delete_expired(self, now).await
    }

    async fn record_login_failure(&self, key: &str, at: OffsetDateTime) -> StoreResult<()> {
        sessions::record_failure(self, key, at).await
    }

    async fn login_failures_since(&self, key: &str, since: OffsetDateTime) -> StoreResult<i64> {
        sessions::failures_since(self, key, since).await
    }

    async fn clear_login_failures(&self, key: &str) -> StoreResult<()> {
        sessions::clear_failures(self, key).await
    }

    async fn create_token(&self, permit: &Permit, token: NewApiToken) -> StoreResult<ApiToken> {
        tokens::create(self, permit, token).await
    }

    async fn tokens_of(&self, user: UserId) -> StoreResult<Vec<ApiToken>> {
        tokens::of_user(self, user).await
    }

    async fn tokens_of_members(&self, permit: &Permit) -> StoreResult<Vec<(ApiToken, User)>> {
        tokens::of_members(self, permit).await
    }

    async fn revoke_token(&self, permit: &Permit, token: TokenId) -> StoreResult<()> {
        tokens::revoke(self, permit, token).await
    }

    async fn token_by_hash(
        &self,
        hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Option<(ApiToken, User)>> {
        tokens::by_hash(self, hash, now).await
    }

    async fn create_product(&self, permit: &Permit, product: Product) -> StoreResult<Product> {
        products::create(self, permit, product).await
    }

    async fn products(&self) -> StoreResult<Vec<Product>> {
        products::all(self).await
    }

    async fn product(&self, id: ProductId) -> StoreResult<Option<Product>> {
        products::by_id(self, id).await
    }

    async fn create_system(&self, permit: &Permit, record: SystemRecord) -> StoreResult<AiSystem> {
        systems::create(self, permit, record).await
    }

    async fn update_system(
        &self,
        permit: &Permit,
        id: SystemId,
        expected_version: i64,
        record: SystemRecord,
    ) -> StoreResult<AiSystem> {
        systems::update(self, permit, id, expected_version, record).await
    }

    async fn set_publication(
        &self,
        permit: &Permit,
        id: SystemId,
        expected_version: Option<i64>,
        publication: Publication,
    ) -> StoreResult<AiSystem> {
        systems::set_publication(self, permit, id, expected_version, publication).await
    }

    async fn system(&self, scope: &ReadScope, id: SystemId) -> StoreResult<Option<AiSystem>> {
        systems::get(self, scope, id).await
    }

    async fn systems(
        &self,
        scope: &ReadScope,
        filter: &SystemFilter,
        page: PageRequest,
    ) -> StoreResult<Page<AiSystem>> {
        systems::list(self, scope, filter, page).await
    }

    async fn system_counts(
        &self,
        scope: &ReadScope,
    ) -> StoreResult<Vec<(OrgId, Publication, i64)>> {
        systems::counts(self, scope).await
    }

    async fn system_history(
        &self,
        scope: &ReadScope,
        id: SystemId,
    ) -> StoreResult<Vec<SystemVersion>> {
        systems::history(self, scope, id).await
    }

    async fn save_classification(
        &self,
        permit: &Permit,
        run: NewClassificationRun,
        obligations: Vec<ObligationSpec>,
    ) -> StoreResult<ClassificationRun> {
        classification::save(self, permit, run, obligations).await
    }

    async fn classification_runs(
        &self,
        scope: &ReadScope,
        system: SystemId,
    ) -> StoreResult<Vec<ClassificationRun>> {
        classification::runs_of(self, scope, system).await
    }

    async fn classification_run(
        &self,
        scope: &ReadScope,
        id: RunId,
    ) -> StoreResult<Option<ClassificationRun>> {
        classification::run_by_id(self, scope, id).await
    }

    async fn current_classifications(
        &self,
        scope: &ReadScope,
        systems: Option<&[SystemId]>,
    ) -> StoreResult<Vec<ClassificationRun>> {
        classification::current(self, scope, systems).await
    }

    async fn obligations(
        &self,
        scope: &ReadScope,
        filter: &ObligationFilter,
    ) -> StoreResult<Vec<TrackedObligation>> {
        classification::obligations(self, scope, filter).await
    }

    async fn update_obligation(
        &self,
        permit: &Permit,
        id: ObligationItemId,
        expected_version: i64,
        update: ObligationUpdate,
    ) -> StoreResult<TrackedObligation> {
        classification::update(self, permit, id, expected_version, update).await
    }

    async fn transition_system(
        &self,
        permit: &Permit,
        id: SystemId,
        expected_version: Option<i64>,
        to: Lifecycle,
        jobs: Vec<NewJob>,
    ) -> StoreResult<AiSystem> {
        governance::transition(self, permit, id, expected_version, to, jobs).await
    }

    async fn request_approvals(
        &self,
        permit: &Permit,
        system: SystemId,
        requests: Vec<NewApprovalRequest>,
        jobs: Vec<NewJob>,
    ) -> StoreResult<Vec<ApprovalRequest>> {
        governance::request_approvals(self, permit, system, requests, jobs).await
    }

    async fn decide_approval(
        &self,
        permit: &Permit,
        id: ApprovalId,
        expected_version: i64,
        decision: ApprovalDecision,
        jobs: Vec<NewJob>,
    ) -> StoreResult<ApprovalRequest> {
        governance::decide(self, permit, id, expected_version, decision, jobs).await
    }

    async fn approvals(
        &self,
        scope: &ReadScope,
        filter: &ReportFilter,
    ) -> StoreResult<Vec<ApprovalRequest>> {
        governance::approvals(self, scope, filter).await
    }

    async fn approval(
        &self,
        scope: &ReadScope,
        id: ApprovalId,
    ) -> StoreResult<Option<ApprovalRequest>> {
        governance::approval(self, scope, id).await
    }

    async fn save_assessment(
        &self,
        permit: &Permit,
        draft: AssessmentDraft,
        expected_version: Option<i64>,
    ) -> StoreResult<Assessment> {
        governance::save_assessment(self, permit, draft, expected_version).await
    }

    async fn sign_assessment(
        &self,
        permit: &Permit,
        id: AssessmentId,
        expected_version: i64,
    ) -> StoreResult<Assessment> {
        governance::sign_assessment(self, permit, id, expected_version).await
    }

    async fn assessments(
        &self,
        scope: &ReadScope,
        system: SystemId,
    ) -> StoreResult<Vec<Assessment>> {
        governance::assessments(self, scope, system).await
    }

    async fn assessment(
        &self,
        scope: &ReadScope,
        id: AssessmentId,
    ) -> StoreResult<Option<Assessment>> {
        governance::assessment(self, scope, id).await
    }

    async fn comment_assessment(
        &self,
        permit: &Permit,
        id: AssessmentId,
        question: Option<String>,
        text: String,
    ) -> StoreResult<AssessmentComment> {
        governance::comment(self, permit, id, question, text).await
    }

    async fn assessment_comments(
        &self,
        scope: &ReadScope,
        id: AssessmentId,
    ) -> StoreResult<Vec<AssessmentComment>> {
        governance::comments(self, scope, id).await
    }

    async fn record_review(
        &self,
        permit: &Permit,
        system: SystemId,
        findings: String,
        next_review: time::Date,
    ) -> StoreResult<Review> {
        governance::record_review(self, permit, system, findings, next_review).await
    }

    async fn reviews(&self, scope: &ReadScope, system: SystemId) -> StoreResult<Vec<Review>> {
        governance::reviews(self, scope, system).await
    }

    async fn record_policy_review(
        &self,
        permit: &Permit,
        policy_id: &str,
        policy_version: &str,
        findings: String,
        next_review: time::Date,
    ) -> StoreResult<PolicyReview> {
        governance::record_policy_review(
            self,
            permit,
            policy_id,
            policy_version,
            findings,
            next_review,
        )
        .await
    }

    async fn policy_reviews(&self, policy_id: &str) -> StoreResult<Vec<PolicyReview>> {
        governance::policy_reviews(self, policy_id).await
    }

    async fn note_policy_versions(
        &self,
        permit: &Permit,
        packs: &[(String, String)],
    ) -> StoreResult<Vec<(String, String)>> {
        governance::note_policy_versions(self, permit, packs).await
    }

    async fn report_incident(
        &self,
        permit: &Permit,
        system: SystemId,
        incident: NewIncident,
        attachments: Vec<NewAttachment>,
        jobs: Vec<NewJob>,
    ) -> StoreResult<Incident> {
        reports::report(self, permit, system, incident, attachments, jobs).await
    }

    async fn incidents(
        &self,
        scope: &ReadScope,
        filter: &ReportFilter,
    ) -> StoreResult<Vec<Incident>> {
        reports::list(self, scope, filter).await
    }

    async fn incident(&self, scope: &ReadScope, id: IncidentId) -> StoreResult<Option<Incident>> {
        reports::get(self, scope, id).await
    }

    async fn attachments(&self, scope: &ReadScope, id: IncidentId) -> StoreResult<Vec<Attachment>> {
        reports::attachments(self, scope, id).await
    }

    async fn attachment_data(
        &self,
        scope: &ReadScope,
        id: uuid::Uuid,
    ) -> StoreResult<Option<(Attachment, Vec<u8>)>> {
        reports::attachment_data(self, scope, id).await
    }

    async fn update_incident(
        &self,
        permit: &Permit,
        id: IncidentId,
        expected_version: i64,
        status: IncidentStatus,
        note: String,
    ) -> StoreResult<Incident> {
        reports::update(self, permit, id, expected_version, status, note).await
    }

    async fn incident_notes(
        &self,
        scope: &ReadScope,
        id: IncidentId,
    ) -> StoreResult<Vec<IncidentNote>> {
        reports::notes(self, scope, id).await
    }

    async fn record_notification(
        &self,
        permit: &Permit,
        id: IncidentId,
        recipient: String,
        channel: String,
        note: Option<String>,
    ) -> StoreResult<Notification> {
        reports::record_notification(self, permit, id, recipient, channel, note).await
    }

    async fn notifications(
        &self,
        scope: &ReadScope,
        id: IncidentId,
    ) -> StoreResult<Vec<Notification>> {
        reports::notifications(self, scope, id).await
    }

    async fn submit_feedback(
        &self,
        system: SystemId,
        feedback: NewFeedback,
        response_days: u32,
        jobs: Vec<NewJob>,
    ) -> StoreResult<Feedback> {
        reports::submit_feedback(self, system, feedback, response_days, jobs).await
    }

    async fn feedback(
        &self,
        scope: &ReadScope,
        filter: &ReportFilter,
    ) -> StoreResult<Vec<Feedback>> {
        reports::feedback(self, scope, filter).await
    }

    async fn feedback_item(
        &self,
        scope: &ReadScope,
        id: FeedbackId,
    ) -> StoreResult<Option<Feedback>> {
        reports::feedback_item(self, scope, id).await
    }

    async fn respond_feedback(
        &self,
        permit: &Permit,
        id: FeedbackId,
        expected_version: i64,
        status: FeedbackStatus,
        response: Option<String>,
        jobs: Vec<NewJob>,
    ) -> StoreResult<Feedback> {
        reports::respond(self, permit, id, expected_version, status, response, jobs).await
    }

    async fn enqueue_jobs(&self, jobs: Vec<NewJob>) -> StoreResult<u64> {
        jobs::enqueue(self, jobs).await
    }

    async fn claim_job(
        &self,
        now: OffsetDateTime,
        lease: time::Duration,
    ) -> StoreResult<Option<Job>> {
        jobs::claim(self, now, lease).await
    }

    async fn finish_job(
        &self,
        id: JobId,
        now: OffsetDateTime,
        error: Option<String>,
        retry_at: Option<OffsetDateTime>,
    ) -> StoreResult<()> {
        jobs::finish(self, id, now, error, retry_at).await
    }

    async fn jobs(&self, dedup_prefix: &str) -> StoreResult<Vec<Job>> {
        jobs::by_prefix(self, dedup_prefix).await
    }

    async fn audit_of(
        &self,
        scope: &ReadScope,
        entity_type: &str,
        entity_id: &str,
    ) -> StoreResult<Vec<AuditEvent>> {
        audit::of_entity(self, scope, entity_type, entity_id).await
    }

    async fn audit_events(&self, after: i64, limit: i64) -> StoreResult<Vec<AuditEvent>> {
        audit::events(self, after, limit).await
    }

    async fn audit_head(&self) -> StoreResult<Option<(i64, String)>> {
        audit::head(self).await
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_are_redacted_from_urls() {
        assert_eq!(
            redact("postgres://app:s3cret@db.example:5432/aireg"),
            "postgres://app:***@db.example:5432/aireg"
        );
        assert_eq!(redact("sqlite:data/aireg.db"), "sqlite:data/aireg.db");
        assert_eq!(
            redact("postgres://postgres@127.0.0.1/x"),
            "postgres://postgres@127.0.0.1/x"
        );
    }
}
