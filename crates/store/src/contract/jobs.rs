//! Stories of the job queue.

use super::*;
use crate::Store;
use aireg_domain::clock;
use aireg_domain::governance::{NewJob, retry_delay};
use time::{Duration, OffsetDateTime};

pub async fn jobs_run_once_and_retry(store: &dyn Store) {
    let now = clock::now();
    let job = |key: &str, at: OffsetDateTime| NewJob {
        run_at: at,
        ..mail("a@x.example", key)
    };
    let added = store
        .enqueue_jobs(vec![
            job("remind:1", now),
            job("remind:1", now),
            job("remind:2", now + Duration::days(1)),
        ])
        .await
        .unwrap();
    assert_eq!(added, 2, "a dedup key is used once");
    assert_eq!(
        store
            .enqueue_jobs(vec![job("remind:1", now)])
            .await
            .unwrap(),
        0
    );

    let lease = Duration::minutes(5);
    let first = store.claim_job(now, lease).await.unwrap().unwrap();
    assert_eq!(
        (first.dedup_key.as_deref(), first.attempts),
        (Some("remind:1"), 1)
    );
    assert_eq!(first.payload["to"], "a@x.example");
    // Leased: nobody else takes it, and the other job is not due yet.
    assert_eq!(store.claim_job(now, lease).await.unwrap(), None);

    let retry_at = now + retry_delay(first.attempts);
    store
        .finish_job(
            first.id,
            now,
            Some("connection refused".into()),
            Some(retry_at),
        )
        .await
        .unwrap();
    assert_eq!(
        store.claim_job(now, lease).await.unwrap(),
        None,
        "not before retry_at"
    );
    let second = store.claim_job(retry_at, lease).await.unwrap().unwrap();
    assert_eq!((second.id, second.attempts), (first.id, 2));
    assert_eq!(second.last_error.as_deref(), Some("connection refused"));
    store
        .finish_job(second.id, retry_at, None, None)
        .await
        .unwrap();

    let later = now + Duration::days(2);
    let other = store.claim_job(later, lease).await.unwrap().unwrap();
    assert_eq!(other.dedup_key.as_deref(), Some("remind:2"));
    store
        .finish_job(other.id, later, Some("mailbox unavailable".into()), None)
        .await
        .unwrap();
    assert_eq!(
        store
            .claim_job(later + Duration::days(9), lease)
            .await
            .unwrap(),
        None
    );

    let jobs = store.jobs("remind:").await.unwrap();
    assert_eq!(jobs.len(), 2);
    assert!(jobs.iter().all(|j| j.done_at.is_some()));
    let given_up = jobs.iter().find(|j| j.id == other.id).unwrap();
    assert_eq!(given_up.last_error.as_deref(), Some("mailbox unavailable"));
    assert!(
        store.jobs("remind:_").await.unwrap().is_empty(),
        "the prefix is literal"
    );

    // Done jobs are kept for a while, then removed with their keys; a waiting job stays.
    store
        .enqueue_jobs(vec![job("waiting:1", later + Duration::days(30))])
        .await
        .unwrap();
    assert_eq!(
        store
            .delete_done_jobs_before(retry_at + Duration::seconds(1))
            .await
            .unwrap(),
        1
    );
    let left = store.jobs("remind:").await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].id, other.id);
    assert_eq!(
        store
            .enqueue_jobs(vec![job("remind:1", later + Duration::days(30))])
            .await
            .unwrap(),
        1,
        "a removed job's key may be used again"
    );
    store
        .delete_done_jobs_before(later + Duration::days(1))
        .await
        .unwrap();
    assert_eq!(store.jobs("waiting:").await.unwrap().len(), 1);

    // Two workers claiming at once never get the same job.
    store
        .enqueue_jobs((0..6).map(|n| job(&format!("race:{n}"), now)).collect())
        .await
        .unwrap();
    let (a, b) = futures_util::future::join(
        async {
            let mut got = Vec::new();
            while let Some(j) = store.claim_job(later, lease).await.unwrap() {
                got.push(j.id);
            }
            got
        },
        async {
            let mut got = Vec::new();
            while let Some(j) = store.claim_job(later, lease).await.unwrap() {
                got.push(j.id);
            }
            got
        },
    )
    .await;
    let mut all: Vec<_> = a.iter().chain(b.iter()).copied().collect();
    all.sort();
    all.dedup();
    assert_eq!((all.len(), a.len() + b.len()), (6, 6));

    // The queue counted in the database agrees with the jobs listed one by one.
    let listed = store.jobs("").await.unwrap();
    let state = |done: bool, failed: bool| {
        listed
            .iter()
            .filter(|j| j.done_at.is_some() == done && j.last_error.is_some() == failed)
            .count() as i64
    };
    let counts = store.job_counts().await.unwrap();
    assert_eq!(
        counts,
        crate::JobCounts {
            queued: state(false, false),
            retrying: state(false, true),
            done: state(true, false),
            given_up: state(true, true),
        }
    );
    assert_eq!(
        counts.queued + counts.retrying + counts.done + counts.given_up,
        listed.len() as i64
    );
    assert!(
        counts.queued > 0,
        "the six claimed jobs are still running: {counts:?}"
    );
}
