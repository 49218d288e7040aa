//! Databases for tests: a fresh SQLite file, or a fresh PostgreSQL database on the server that
//! `AIREG_TEST_POSTGRES_URL` names (for example `postgres://postgres@127.0.0.1:5432/postgres`),
//! dropped again when the test ends.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::{Connection, PgConnection};

use crate::SqlStore;

/// The variable naming the PostgreSQL server for tests.
pub const POSTGRES_URL_VAR: &str = "AIREG_TEST_POSTGRES_URL";
/// When set (CI sets it), a missing PostgreSQL URL fails the tests instead of skipping them.
pub const REQUIRE_POSTGRES_VAR: &str = "AIREG_REQUIRE_POSTGRES";

/// A migrated store on a throw-away database. Keep it alive for the whole test.
pub struct TestDb {
    /// Shared, so an app under test can hold the same store.
    pub store: Arc<SqlStore>,
    url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl TestDb {
    /// A fresh SQLite database in a temporary directory.
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = format!("sqlite:{}", dir.path().join("test.db").display());
        let store = SqlStore::connect(&url).await.expect("open SQLite");
        store.migrate().await.expect("migrate SQLite");
        TestDb {
            store: Arc::new(store),
            url,
            cleanup: Cleanup::Sqlite(dir),
        }
    }

    /// A fresh PostgreSQL database, or `None` (with a note on stderr) when no server is
    /// configured. Panics when [`REQUIRE_POSTGRES_VAR`] is set and no server is configured.
    pub async fn postgres() -> Option<TestDb> {
        let Some(admin_url) = std::env::var(POSTGRES_URL_VAR)
            .ok()
            .filter(|u| !u.is_empty())
        else {
            if std::env::var(REQUIRE_POSTGRES_VAR).is_ok_and(|v| !v.is_empty()) {
                panic!("{REQUIRE_POSTGRES_VAR} is set but {POSTGRES_URL_VAR} is not");
            }
            skipped("PostgreSQL");
            return None;
        };
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let name = format!(
            "aireg_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            uuid::Uuid::now_v7().simple()
        );
        let mut admin = PgConnection::connect(&admin_url)
            .await
            .expect("connect to the PostgreSQL test server");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("create test database");
        let _ = admin.close().await;
        let url = with_database(&admin_url, &name);
        let store = SqlStore::connect(&url).await.expect("open PostgreSQL");
        store.migrate().await.expect("migrate PostgreSQL");
        Some(TestDb {
            store: Arc::new(store),
            url,
            cleanup: Cleanup::Postgres { admin_url, name },
        })
    }
}

impl TestDb {
    /// A second store on the same database, with a pool of its own: what another instance
    /// of aireg serving the same database holds.
    pub async fn another_instance(&self) -> SqlStore {
        SqlStore::connect(&self.url)
            .await
            .expect("open the same database again")
    }
}

impl AsRef<dyn aireg_store::Store> for TestDb {
    fn as_ref(&self) -> &(dyn aireg_store::Store + 'static) {
        &*self.store
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Cleanup::Postgres { admin_url, name } = &self.cleanup {
            // Connections still open in this runtime keep the database busy; FORCE ends them.
            // Drop runs outside any async context we could await in (and also while a failed
            // test unwinds), so the database is dropped from a short-lived thread of its own.
            let (admin_url, name) = (admin_url.clone(), name.clone());
            let _ = std::thread::spawn(move || {
                let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return;
                };
                rt.block_on(async {
                    if let Ok(mut admin) = PgConnection::connect(&admin_url).await {
                        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        )))
                        .execute(&mut admin)
                        .await;
                    }
                });
            })
            .join();
        }
    }
}

/// The query plans SQLite chooses for the store's own list queries, built exactly as the store
/// builds them (`EXPLAIN QUERY PLAN` before the same SQL with the same values): one line per
/// step, e.g. `SEARCH ai_system USING INDEX ai_system_org (org_id=?)`.
impl SqlStore {
    /// The plan of a page of a record list.
    pub async fn plan_of_list(
        &self,
        scope: &aireg_domain::policy::ReadScope,
        filter: &aireg_store::SystemFilter,
        page: aireg_store::PageRequest,
    ) -> Vec<String> {
        let text = crate::search::text_of(self, filter)
            .await
            .expect("the query's words");
        let q = crate::systems::list_page("EXPLAIN QUERY PLAN ", &text, scope, filter, page);
        self.plan(q).await
    }

    /// The plan of the newest classification runs of a page of records.
    pub async fn plan_of_current_runs(
        &self,
        scope: &aireg_domain::policy::ReadScope,
        systems: &[aireg_domain::SystemId],
    ) -> Vec<String> {
        let mut q = sqlx::QueryBuilder::new(format!(
            "EXPLAIN QUERY PLAN {}",
            crate::classification::CURRENT_RUNS
        ));
        crate::classification::push_current_runs(&mut q, scope, Some(systems));
        self.plan(q).await
    }

    async fn plan(&self, mut q: sqlx::QueryBuilder<sqlx::Sqlite>) -> Vec<String> {
        let crate::Db::Sqlite(pool) = &self.db else {
            panic!("query plans are SQLite's");
        };
        let rows: Vec<(i64, i64, i64, String)> =
            q.build_query_as().fetch_all(pool).await.expect("a plan");
        rows.into_iter().map(|(_, _, _, detail)| detail).collect()
    }

    /// The value of a SQLite pragma as a pooled connection sees it (`None` on PostgreSQL).
    pub async fn sqlite_pragma(&self, name: &str) -> Option<String> {
        match &self.db {
            crate::Db::Sqlite(p) => {
                use sqlx::Row;
                let row = sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA {name}")))
                    .fetch_one(p)
                    .await
                    .expect("the pragma");
                Some(
                    row.try_get::<String, _>(0)
                        .or_else(|_| row.try_get::<i64, _>(0).map(|n| n.to_string()))
                        .expect("a pragma's value"),
                )
            }
            _ => None,
        }
    }

    /// Runs SQL of a test's own (to generate data quickly).
    pub async fn execute(&self, sql: &str) -> u64 {
        on_pool!(self, p => sqlx::query(sqlx::AssertSqlSafe(sql.to_string())).execute(p).await.map(|r| r.rows_affected()))
            .expect("the test's SQL")
    }
}

/// The URL with its database name replaced.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// Says on the terminal, past the test harness's output capture, that something was skipped.
pub fn skipped(what: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: {what} tests (set {POSTGRES_URL_VAR}=postgres://postgres@127.0.0.1:5432/postgres to run them)"
    );
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn database_names_are_replaced() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(with_database("postgres://h", "x"), "postgres://h/x");
        assert_eq!(
            with_database("postgres://h/db?sslmode=disable", "x"),
            "postgres://h/x?sslmode=disable"
        );
    }
}
