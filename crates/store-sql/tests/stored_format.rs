//! A database written by an earlier release still opens: migrated by this one, every record,
//! every version and the governance around them read back, and its audit chain still holds.
//! The fixtures are in `tests/fixtures/` (see the README there for how each was made).

use std::path::Path;

use aireg_domain::audit::ChainVerifier;
use aireg_domain::policy::{Actor, ReadScope};
use aireg_store::prelude::*;
use aireg_store::{PageRequest, ReportFilter, SystemFilter};
use aireg_store_sql::SqlStore;

/// Counts rows of a table with SQLite itself, not through the store.
async fn count(url: &str, table: &str) -> i64 {
    use sqlx::Connection;
    let mut c = sqlx::SqliteConnection::connect(url).await.unwrap();
    let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
        .fetch_one(&mut c)
        .await
        .unwrap();
    n
}

#[tokio::test]
async fn a_database_of_release_0_1_0_migrates_and_reads_back() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/release-0.1.0.db");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("aireg.db");
    std::fs::copy(&fixture, &path).unwrap();
    let url = format!("sqlite:{}", path.display());

    let store = SqlStore::connect(&url).await.unwrap();
    store.migrate().await.expect("the old database migrates");
    let scope = ReadScope::for_actor(&Actor::command_line("test"));

    // Every record, page by page.
    let mut systems = Vec::new();
    for page in 1.. {
        let got = store
            .systems(
                &scope,
                &SystemFilter::default(),
                PageRequest::new(page, 100),
            )
            .await
            .expect("the records read");
        let done = got.items.len() < 100;
        systems.extend(got.items);
        if done {
            break;
        }
    }
    assert_eq!(systems.len() as i64, count(&url, "ai_system").await);
    assert!(systems.len() >= 30, "the demo's records are there");

    // Every version of every record, and what governs them.
    let mut versions = 0;
    for s in &systems {
        let history = store.system_history(&scope, s.id).await.expect("history");
        assert_eq!(history.last().map(|v| v.version), Some(s.version));
        assert_eq!(history.last().map(|v| &v.record), Some(&s.record));
        versions += history.len() as i64;
        store.classification_runs(&scope, s.id).await.expect("runs");
        store.assessments(&scope, s.id).await.expect("assessments");
        store.reviews(&scope, s.id).await.expect("reviews");
    }
    assert_eq!(versions, count(&url, "ai_system_version").await);
    let approvals = store
        .approvals(&scope, &ReportFilter::default())
        .await
        .expect("approvals");
    assert_eq!(
        approvals.len() as i64,
        count(&url, "approval_request").await
    );
    assert!(
        approvals.iter().all(|a| a.routed_to.is_none()),
        "requests from before routing was kept are routed to no one"
    );
    assert!(
        store
            .incidents(&scope, &ReportFilter::default())
            .await
            .is_ok()
    );
    assert!(
        store
            .feedback(&scope, &ReportFilter::default())
            .await
            .is_ok()
    );
    // The public view of the published ones, as residents read them.
    let public = store
        .systems(
            &ReadScope::public(),
            &SystemFilter::default(),
            PageRequest::new(1, 100),
        )
        .await
        .unwrap();
    assert!(public.total > 0);

    // The audit chain written by the old release still verifies.
    let mut verifier = ChainVerifier::new();
    let mut after = 0;
    loop {
        let events = store.audit_events(after, 500).await.unwrap();
        if events.is_empty() {
            break;
        }
        for e in &events {
            verifier.check(e).expect("the chain holds");
            after = e.seq;
        }
    }
    let (head, _) = store.audit_head().await.unwrap().unwrap();
    assert_eq!(after, head);
    store.close().await;
}
