//! The job queue: e-mail (and later other work) done by background workers, enqueued in the
//! same transaction as the change that asks for it.

use async_trait::async_trait;
use sqlx::types::Json;
use time::{Duration, OffsetDateTime};

use aireg_domain::governance::{Job, JobId, NewJob};
use aireg_store::StoreResult;

use crate::rows::JobRow;
use crate::ts::Ts;
use crate::{Db, SqlStore, WriteTx, backend};
use aireg_store::JobStore;

#[async_trait]
impl JobStore for SqlStore {
    async fn enqueue_jobs(&self, jobs: Vec<NewJob>) -> StoreResult<u64> {
        let mut tx = self.begin_write_as(None, "aireg:jobs").await?;
        let added = enqueue_in(&mut tx, &jobs).await?;
        tx.commit().await?;
        Ok(added)
    }

    /// Claims the next due job. PostgreSQL skips rows another instance has locked; SQLite's single
    /// writer makes the update atomic as it is.
    async fn claim_job(&self, now: OffsetDateTime, lease: Duration) -> StoreResult<Option<Job>> {
        let row: Option<JobRow> = match &self.db {
            Db::Sqlite(p) => {
                sqlx::query_as(sql!("job_claim_sqlite"))
                    .bind(Ts(now))
                    .bind(Ts(now + lease))
                    .fetch_optional(p)
                    .await
            }
            Db::Postgres(p) => {
                sqlx::query_as(sql!("job_claim_postgres"))
                    .bind(Ts(now))
                    .bind(Ts(now + lease))
                    .fetch_optional(p)
                    .await
            }
        }
        .map_err(backend)?;
        row.map(JobRow::into_domain).transpose()
    }

    async fn delete_done_jobs_before(&self, before: OffsetDateTime) -> StoreResult<u64> {
        let done = on_pool!(self, p => {
            sqlx::query(sql!("job_delete_done_before")).bind(Ts(before)).execute(p).await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        Ok(done)
    }

    async fn finish_job(
        &self,
        id: JobId,
        now: OffsetDateTime,
        error: Option<String>,
        retry_at: Option<OffsetDateTime>,
    ) -> StoreResult<()> {
        match error {
            None => on_pool!(self, p => {
                sqlx::query(sql!("job_done"))
                    .bind(id.to_string())
                    .bind(Ts(now))
                    .execute(p)
                    .await
                    .map(|r| r.rows_affected())
            }),
            Some(e) => {
                let given_up = retry_at.is_none().then_some(Ts(now));
                on_pool!(self, p => {
                    sqlx::query(sql!("job_failed"))
                        .bind(id.to_string())
                        .bind(&e)
                        .bind(retry_at.map(Ts))
                        .bind(given_up)
                        .execute(p)
                        .await
                        .map(|r| r.rows_affected())
                })
            }
        }
        .map_err(backend)?;
        Ok(())
    }

    async fn job_counts(&self) -> StoreResult<aireg_store::JobCounts> {
        let row: (i64, i64, i64, i64) = on_pool!(self, p => {
            sqlx::query_as(
                "SELECT \
                   CAST(COALESCE(SUM(CASE WHEN done_at IS NULL AND last_error IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT), \
                   CAST(COALESCE(SUM(CASE WHEN done_at IS NULL AND last_error IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT), \
                   CAST(COALESCE(SUM(CASE WHEN done_at IS NOT NULL AND last_error IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT), \
                   CAST(COALESCE(SUM(CASE WHEN done_at IS NOT NULL AND last_error IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) \
                 FROM job",
            )
            .fetch_one(p)
            .await
        })
        .map_err(backend)?;
        Ok(aireg_store::JobCounts {
            queued: row.0,
            retrying: row.1,
            done: row.2,
            given_up: row.3,
        })
    }

    async fn jobs(&self, prefix: &str) -> StoreResult<Vec<Job>> {
        let pattern = format!("{}%", crate::systems::escape_like(prefix));
        let rows: Vec<JobRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("jobs_by_prefix")).bind(pattern).fetch_all(p).await
        })
        .map_err(backend)?;
        rows.into_iter().map(JobRow::into_domain).collect()
    }
}

/// Adds jobs inside a write; a job whose dedup key was ever used is skipped.
pub(crate) async fn enqueue_in(tx: &mut WriteTx, jobs: &[NewJob]) -> StoreResult<u64> {
    let now = tx.now;
    let mut added = 0;
    for job in jobs {
        added += on_tx!(tx, c => {
            sqlx::query(sql!("job_insert"))
                .bind(uuid::Uuid::now_v7().to_string())
                .bind(&job.kind)
                .bind(Json(&job.payload))
                .bind(&job.dedup_key)
                .bind(Ts(job.run_at))
                .bind(Ts(now))
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
    }
    Ok(added)
}
