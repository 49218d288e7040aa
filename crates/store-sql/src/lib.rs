//! The [`Store`] on SQLite (embedded, the default) and PostgreSQL.
//!
//! One implementation serves both engines: the SQL lives in `queries/` and is written in the
//! dialect both accept, and each operation is written once inside [`on_pool!`]/[`on_tx!`], which
//! expand it for the engine in use. What differs lives in `sqlite.rs` and `postgres.rs`:
//! connecting, the migration sets (`migrations/sqlite`, `migrations/postgres`), how a write
//! transaction takes its lock, and reading the schema for the parity test.
//!
//! Every write runs in one transaction with its audit event: either both are stored or neither.
//! Each module implements one of the store's traits for [`SqlStore`] (`orgs.rs`: `OrgStore`,
//! `systems.rs`: `RecordStore`, `governance.rs`: `GovernanceStore`, …).

use std::str::FromStr;

use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};
use time::OffsetDateTime;

use aireg_domain::audit::NewAuditEvent;
use aireg_domain::policy::Permit;
use aireg_domain::{UserId, clock};
use aireg_store::{Store, StoreError, StoreResult, error_chain};

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
mod links;
mod orgs;
mod people;
pub mod postgres;
mod products;
mod reports;
mod rows;
pub mod schema;
mod search;
mod sessions;
mod site_texts;
pub mod sqlite;
mod sso;
mod stored;
mod systems;
#[cfg(feature = "testing")]
pub mod testing;
mod tokens;
mod ts;
mod usage;

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
    /// Whether events were appended: the head row is written once, at commit.
    head_moved: bool,
    /// The organisation tree as read in this transaction: a bulk import checks every record
    /// against it, and nothing here changes it.
    tree: Option<aireg_domain::policy::OrgTree>,
    /// The organisations read in this transaction, likewise.
    orgs: std::collections::HashMap<aireg_domain::OrgId, aireg_domain::org::Organisation>,
    /// The store's copy of the organisations when the transaction began, and whether it was
    /// found current in it: a save checks against it instead of reading every organisation.
    known_orgs: Option<(orgs::Snapshot, bool)>,
    /// The numbers of the search terms this transaction has met (a term keeps its number).
    words: std::collections::HashMap<String, i64>,
    /// The numbers of terms committed before, shared by the store's transactions.
    vocabulary: Vocabulary,
    /// A bulk import counts the public facets once, before it commits, instead of per record
    /// (PostgreSQL slows down on a row updated many times in one transaction).
    counts_at_commit: bool,
    /// This process's turn to write, held until the transaction ends (SQLite: every write;
    /// PostgreSQL: a batch of creates).
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl WriteTx {
    /// Appends an audit event to the chain inside this transaction.
    async fn audit(&mut self, event: NewAuditEvent) -> StoreResult<()> {
        audit::append(self, event).await
    }

    async fn commit(mut self) -> StoreResult<()> {
        if self.head_moved {
            audit::write_head(&mut self).await?;
        }
        match self.tx {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
        .map_err(backend)?;
        // Only numbers that are now in the database are shared.
        if !self.words.is_empty()
            && let Ok(mut known) = self.vocabulary.lock()
        {
            if known.len() + self.words.len() > VOCABULARY_KEPT {
                known.clear();
            }
            if self.words.len() <= VOCABULARY_KEPT {
                known.extend(self.words);
            }
        }
        Ok(())
    }
}

/// Term numbers known to be in the database: a term keeps its number for as long as the
/// database lives (the vocabulary is never pruned), so a save looks up only terms new to it.
type Vocabulary = std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, i64>>>;

/// At most this many term numbers are kept in memory (some 5 MB); past it they are forgotten
/// and read again as saves meet them.
const VOCABULARY_KEPT: usize = 100_000;

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
    /// SQLite's upkeep of its write-ahead log, on a connection of its own.
    upkeep: Option<sqlite::UpkeepConnection>,
    /// When SQLite's planner statistics were last refreshed.
    statistics: std::sync::Arc<sqlite::Statistics>,
    /// On SQLite: whose turn it is to write. SQLite lets one writer in at a time and wakes the
    /// waiting ones by polling, in no order; taking turns here first makes the queue fair and
    /// lets the upkeep's checkpoint hold writers back without their busy timeouts running.
    writes: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// The organisations as last read: every list and page needs them, and they are only
    /// ever added to, so their count tells whether the copy is current.
    orgs: std::sync::Arc<std::sync::Mutex<Option<orgs::Snapshot>>>,
    /// Search texts with the terms they matched and the vocabulary's size then.
    texts: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, (i64, search::Text)>>>,
    /// The numbers of search terms saves have met.
    vocabulary: Vocabulary,
    /// On SQLite: new records waiting to be saved by whoever has the turn to write next.
    creates: std::sync::Arc<std::sync::Mutex<Vec<systems::WaitingCreate>>>,
}

impl SqlStore {
    /// Opens the database at `url` (`sqlite:path/to/file.db`, `postgres://…`). SQLite files
    /// are created when missing.
    pub async fn connect(url: &str) -> Result<SqlStore, ConnectError> {
        let statistics = std::sync::Arc::new(sqlite::Statistics::default());
        let (db, upkeep) = if url.starts_with("sqlite:") {
            (
                Db::Sqlite(sqlite::connect(url, statistics.clone()).await?),
                sqlite::UpkeepConnection::of(url),
            )
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Db::Postgres(postgres::connect(url).await?), None)
        } else {
            return Err(ConnectError::UnsupportedUrl(redact(url)));
        };
        Ok(SqlStore {
            db,
            upkeep,
            statistics,
            writes: Default::default(),
            orgs: Default::default(),
            texts: Default::default(),
            vocabulary: Default::default(),
            creates: Default::default(),
        })
    }

    /// Writes a consistent copy of an SQLite database to `path` (`VACUUM INTO`: one read
    /// transaction, so writes that go on meanwhile are in it whole or not at all, and the copy
    /// is compact). A PostgreSQL database is copied with `pg_dump` instead; `false` then.
    pub async fn backup_into(&self, path: &std::path::Path) -> StoreResult<bool> {
        match &self.db {
            Db::Sqlite(p) => {
                sqlx::query("VACUUM INTO $1")
                    .bind(path.display().to_string())
                    .execute(p)
                    .await
                    .map_err(backend)?;
                Ok(true)
            }
            Db::Postgres(_) => Ok(false),
        }
    }

    /// Whether this is an SQLite database.
    pub fn is_sqlite(&self) -> bool {
        matches!(self.db, Db::Sqlite(_))
    }

    /// Applies the engine's pending migrations, then gathers the planner's statistics (a
    /// migration may have added an index the planner knows nothing of yet).
    pub async fn migrate(&self) -> Result<(), ConnectError> {
        match &self.db {
            Db::Sqlite(p) => sqlite::MIGRATOR.run(p).await?,
            Db::Postgres(p) => postgres::MIGRATOR.run(p).await?,
        }
        search::reindex_if_stale(self)
            .await
            .map_err(|e| ConnectError::Backfill(error_chain(&e)))?;
        self.refresh_statistics()
            .await
            .map_err(|e| ConnectError::Backfill(error_chain(&e)))?;
        Ok(())
    }

    /// One round of the upkeep the server runs every few seconds: SQLite's write-ahead log is
    /// checkpointed and truncated once it passes [`sqlite::CHECKPOINT_AT`]. Nothing to do on
    /// PostgreSQL (its own background writer and autovacuum do the same).
    pub async fn upkeep(&self) -> StoreResult<sqlite::Upkeep> {
        match &self.upkeep {
            Some(u) => sqlite::upkeep(u, &self.writes).await.map_err(backend),
            None => Ok(sqlite::Upkeep::default()),
        }
    }

    /// Gathers the planner's statistics of every table: after migrations, after bulk loads and
    /// hourly from the server. A bounded `ANALYZE` on SQLite (its connections take the new
    /// statistics up at once); `ANALYZE` on PostgreSQL, whose autovacuum keeps them fresh
    /// between.
    pub async fn refresh_statistics(&self) -> StoreResult<()> {
        match &self.db {
            Db::Sqlite(p) => sqlite::refresh_statistics(p, &self.statistics)
                .await
                .map_err(backend),
            Db::Postgres(p) => sqlx::query("ANALYZE")
                .execute(p)
                .await
                .map(|_| ())
                .map_err(backend),
        }
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
        self.begin_write_in(actor_id, actor_name, None).await
    }

    /// A write in this process's turn (SQLite), when the caller has taken it already.
    pub(crate) async fn begin_write_in(
        &self,
        actor_id: Option<UserId>,
        actor_name: &str,
        turn: Option<tokio::sync::OwnedMutexGuard<()>>,
    ) -> StoreResult<WriteTx> {
        let (tx, head, turn) = match &self.db {
            Db::Sqlite(p) => {
                let (t, head, turn) = match turn {
                    Some(turn) => sqlite::begin_in_turn(p, turn).await,
                    None => sqlite::begin_write(p, &self.writes).await,
                }
                .map_err(backend)?;
                (Tx::Sqlite(t), head, Some(turn))
            }
            Db::Postgres(p) => {
                // A batch of creates keeps this process's turn until it commits, so that the
                // next batch gathers what arrives meanwhile (other writes do not take it: the
                // chain head's row lock orders them).
                let (t, head) = postgres::begin_write(p).await.map_err(backend)?;
                (Tx::Postgres(t), head, turn)
            }
        };
        Ok(WriteTx {
            tx,
            head,
            now: clock::now(),
            actor_id,
            actor_name: actor_name.to_string(),
            head_moved: false,
            tree: None,
            orgs: Default::default(),
            known_orgs: self
                .orgs
                .lock()
                .ok()
                .and_then(|s| s.clone())
                .map(|s| (s, false)),
            words: Default::default(),
            vocabulary: self.vocabulary.clone(),
            counts_at_commit: false,
            _turn: turn,
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
    StoreError::backend(e)
}

/// A stored value that no longer parses: the database was edited outside aireg.
pub(crate) fn corrupt(what: &str, value: impl std::fmt::Display) -> StoreError {
    StoreError::backend(format!("unreadable {what} in the database: {value}"))
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

impl Store for SqlStore {
    fn pool_stats(&self) -> aireg_store::PoolStats {
        let (open, idle) = match &self.db {
            Db::Sqlite(p) => (p.size(), p.num_idle()),
            Db::Postgres(p) => (p.size(), p.num_idle()),
        };
        aireg_store::PoolStats {
            open,
            idle: u32::try_from(idle).unwrap_or(u32::MAX),
        }
    }

    fn engine(&self) -> &'static str {
        match self.db {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
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
