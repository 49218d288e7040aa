//! The job queue.

use aireg_domain::governance::{Job, JobId, NewJob};
use async_trait::async_trait;
use time::OffsetDateTime;

use crate::StoreResult;

/// The job queue (e-mail): jobs are enqueued with the change that causes them.
#[async_trait]
pub trait JobStore: Send + Sync {
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

    /// How many jobs are in each state (done jobs are kept 90 days), counted in the database.
    async fn job_counts(&self) -> StoreResult<JobCounts>;

    /// Jobs whose dedup key starts with `dedup_prefix`, oldest first; `""` lists every job, also
    /// those without a key.
    async fn jobs(&self, dedup_prefix: &str) -> StoreResult<Vec<Job>>;

    /// Removes jobs done (delivered, or given up) before `before`, their e-mail text with
    /// them; returns how many. Their dedup keys go too: a reminder whose matter is still open
    /// is sent again.
    async fn delete_done_jobs_before(&self, before: OffsetDateTime) -> StoreResult<u64>;
}

/// The job queue by state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JobCounts {
    /// Waiting for their first attempt.
    pub queued: i64,
    /// Failed at least once, to be tried again.
    pub retrying: i64,
    /// Done.
    pub done: i64,
    /// Given up after failing.
    pub given_up: i64,
}
