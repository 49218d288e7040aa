//! The SQLite settings the README names are the ones every pooled connection runs with.

use aireg_store_sql::testing::TestDb;

#[tokio::test]
async fn every_connection_has_the_documented_settings() {
    let db = TestDb::sqlite().await;
    let pragma = async |name: &str| db.store.sqlite_pragma(name).await.unwrap();
    assert_eq!(pragma("journal_mode").await, "wal");
    // FULL (2): an acknowledged write survives a power loss.
    assert_eq!(pragma("synchronous").await, "2");
    assert_eq!(pragma("foreign_keys").await, "1");
    assert_eq!(pragma("busy_timeout").await, "10000");
    assert_eq!(
        pragma("journal_size_limit").await,
        (64 * 1024 * 1024).to_string()
    );
    // Negative: KiB rather than pages.
    assert_eq!(pragma("cache_size").await, (-8 * 1024).to_string());
}
