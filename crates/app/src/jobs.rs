//! The job queue's worker: delivers e-mail jobs through the relay and retries failures with
//! growing delays until `MAX_JOB_ATTEMPTS`.
//!
//! Jobs are claimed for a lease, so several aireg instances can share one queue, and a job
//! whose worker died is taken again when its lease ends. Delivery is therefore at least once; a
//! message sent twice carries the same `Message-ID`.

use std::fmt;
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use tokio::sync::watch;

use aireg_domain::clock;
use aireg_domain::governance::{Job, MAX_JOB_ATTEMPTS, retry_delay};
use aireg_store::prelude::*;

use crate::mail::{Email, Mailer, SendError};

/// The kind of job this worker delivers.
pub const EMAIL_JOB: &str = aireg_service::outbox::EMAIL;

/// How long a claimed job is ours: far longer than sending one message may take (every SMTP
/// command times out in 30 s), short enough that a crashed worker's job is soon taken again.
pub const LEASE: time::Duration = time::Duration::minutes(5);

/// How long the worker waits when nothing is due.
const IDLE: std::time::Duration = std::time::Duration::from_secs(5);

/// What one pass over the due jobs did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: u64,
    /// Failed, to be tried again later.
    pub retried: u64,
    /// Failed for good: a permanent refusal, a bad job, or too many attempts.
    pub given_up: u64,
}

impl fmt::Display for DeliveryReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} sent, {} to be retried, {} given up",
            self.sent, self.retried, self.given_up
        )
    }
}

/// What happened to one job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Sent,
    Retry,
    GivenUp,
}

impl DeliveryReport {
    fn count(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Sent => self.sent += 1,
            Outcome::Retry => self.retried += 1,
            Outcome::GivenUp => self.given_up += 1,
        }
    }
}

/// Delivers every job due at `now`, each once: a failed job is due again only later.
pub async fn deliver_due(
    store: &dyn Store,
    mailer: &Mailer,
    now: OffsetDateTime,
) -> anyhow::Result<DeliveryReport> {
    let mut report = DeliveryReport::default();
    while let Some(outcome) = deliver_next(store, mailer, now).await? {
        report.count(outcome);
    }
    Ok(report)
}

/// Delivers due jobs until `stop` turns true (or its sender is gone), waiting a few seconds
/// whenever nothing is due. A message being sent when `stop` comes is finished first.
pub async fn run_worker(store: Arc<dyn Store>, mailer: Mailer, mut stop: watch::Receiver<bool>) {
    tracing::info!(relay = %mailer.relay(), "e-mail worker started");
    while !*stop.borrow() {
        let idle = match deliver_next(&*store, &mailer, clock::now()).await {
            Ok(Some(_)) => false,
            Ok(None) => true,
            Err(e) => {
                tracing::warn!(error = format!("{e:#}"), "job queue error");
                true
            }
        };
        if idle {
            tokio::select! {
                changed = stop.changed() => if changed.is_err() { break },
                () = tokio::time::sleep(IDLE) => {}
            }
        }
    }
    tracing::info!("e-mail worker stopped");
}

/// Claims one due job and delivers it; `None` when nothing is due.
async fn deliver_next(
    store: &dyn Store,
    mailer: &Mailer,
    now: OffsetDateTime,
) -> anyhow::Result<Option<Outcome>> {
    let Some(job) = store
        .claim_job(now, LEASE)
        .await
        .context("cannot take a job from the queue")?
    else {
        return Ok(None);
    };
    let outcome = match deliver(mailer, &job).await {
        Ok(()) => {
            store
                .finish_job(job.id, now, None, None)
                .await
                .with_context(|| format!("job {} was sent but cannot be marked done", job.id))?;
            tracing::info!(job = %job.id, attempts = job.attempts, "e-mail sent");
            Outcome::Sent
        }
        Err(failure) => {
            let retry_at = (!failure.permanent && job.attempts < MAX_JOB_ATTEMPTS)
                .then(|| now + retry_delay(job.attempts));
            store
                .finish_job(job.id, now, Some(failure.detail.clone()), retry_at)
                .await
                .with_context(|| format!("cannot record the failure of job {}", job.id))?;
            // The detail can quote the relay naming the recipient: debug level only.
            tracing::debug!(job = %job.id, error = %failure.detail, "e-mail failed");
            match retry_at {
                Some(at) => tracing::warn!(
                    job = %job.id,
                    attempts = job.attempts,
                    reason = %failure.summary,
                    retry_at = %at,
                    "e-mail not sent; will retry"
                ),
                None => tracing::warn!(
                    job = %job.id,
                    attempts = job.attempts,
                    reason = %failure.summary,
                    "e-mail not sent; given up"
                ),
            }
            if retry_at.is_some() {
                Outcome::Retry
            } else {
                Outcome::GivenUp
            }
        }
    };
    Ok(Some(outcome))
}

async fn deliver(mailer: &Mailer, job: &Job) -> Result<(), SendError> {
    if job.kind != EMAIL_JOB {
        return Err(SendError::invalid_job(format!(
            "unknown job kind `{}`: this worker delivers only `{EMAIL_JOB}` jobs",
            job.kind
        )));
    }
    let email = Email::from_payload(&job.payload).map_err(SendError::invalid_job)?;
    tracing::debug!(job = %job.id, to = %email.to, "sending e-mail");
    mailer.send(job.id, &email).await
}

/// `aireg jobs run`: delivers the due jobs once. Exits 1 when any failed, so a scheduler that
/// runs it notices.
pub async fn run_once(store: &dyn Store, mailer: &Mailer) -> anyhow::Result<ExitCode> {
    eprintln!("Delivering the due jobs through {}…", mailer.relay());
    let report = deliver_due(store, mailer, clock::now()).await?;
    eprintln!("E-mail: {report}.");
    Ok(if report.retried + report.given_up == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `aireg jobs list`: one line per job whose dedup key starts with `prefix`, without payloads
/// (they hold addresses and message texts).
pub async fn list(store: &dyn Store, prefix: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    let jobs = store
        .jobs(prefix)
        .await
        .context("cannot read the job queue")?;
    writeln!(out, "id\tkind\tattempts\trun_at\tstate\tlast_error")?;
    for job in &jobs {
        let state = match (job.done_at, &job.last_error) {
            (None, None) if job.attempts == 0 => "queued",
            // Claimed and not finished: being sent, or its worker died and the lease runs out.
            (None, None) => "sending",
            (None, Some(_)) => "retrying",
            (Some(_), None) => "done",
            (Some(_), Some(_)) => "given up",
        };
        let run_at = job.run_at.format(&Rfc3339).unwrap_or_default();
        let error = job
            .last_error
            .as_deref()
            .unwrap_or("-")
            .replace(['\r', '\n', '\t'], " ");
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}",
            job.id, job.kind, job.attempts, run_at, state, error
        )?;
    }
    Ok(())
}
