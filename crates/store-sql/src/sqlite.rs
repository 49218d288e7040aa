//! SQLite: the embedded default. One file, write-ahead logging so readers never wait for the
//! writer, a busy timeout so concurrent writers queue instead of failing.
//!
//! The database looks after itself (the README's "SQLite settings" says why each is so):
//! - the write-ahead log is kept short: besides SQLite's own checkpoints (which cannot reset
//!   the log while readers keep using it, so under steady reads it only grows), the server's
//!   upkeep ([`upkeep`]) forces a `TRUNCATE` checkpoint whenever the log passes
//!   [`CHECKPOINT_AT`]; `journal_size_limit` caps what a reset log keeps on disk;
//! - the planner's statistics stay fresh: `ANALYZE` after migrations, after bulk loads and
//!   hourly from the server, `PRAGMA optimize` when a connection closes, all with SQLite's
//!   recommended `analysis_limit`, so that none ever reads a whole large table.

use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};

pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

/// How often the server's upkeep looks at the write-ahead log. A look is one `stat` of the log
/// file; looking often keeps what a bulk load adds between two looks (some 6 MiB a second on
/// two cores) small, and a truncation that could not finish is tried again soon.
pub const UPKEEP_EVERY: Duration = Duration::from_millis(500);

/// A write-ahead log longer than this is copied into the database by the upkeep without
/// waiting for anyone (`PASSIVE`), so that what a truncation has to copy stays small.
pub const COPY_AT: u64 = 4 * 1024 * 1024;

/// A write-ahead log longer than this is checkpointed and truncated by the upkeep (`TRUNCATE`),
/// in this process's turn to write: writers wait for their turn (not on SQLite's lock, so their
/// busy timeout does not run), and the checkpoint waits for the readers of the moment to finish,
/// at most [`TRUNCATE_WAIT`]; not finished by then, it gives up and the next round tries again.
/// It can fail so: SQLite has five read marks, and when more readers than that overlap without
/// pause, new readers keep joining an old mark and the checkpoint never finds it free.
pub const CHECKPOINT_AT: u64 = 16 * 1024 * 1024;

/// How long a truncating checkpoint waits for readers (and for a write from another process).
const TRUNCATE_WAIT: Duration = Duration::from_secs(1);

/// What a log that was reset may keep on disk (`journal_size_limit`).
pub const JOURNAL_SIZE_LIMIT: u64 = 64 * 1024 * 1024;

/// Each connection's page cache, in KiB (SQLite's default is 2 MiB). A list narrowed by a
/// region and an area reads some thousand index pages; with the default most of them came
/// from the operating system again for each answer.
const CACHE_KIB: u32 = 8 * 1024;

/// Rows `ANALYZE` and `PRAGMA optimize` read per index: SQLite's recommended approximation.
const ANALYSIS_LIMIT: u32 = 400;

/// When the statistics were last refreshed. A connection reads them when it opens and keeps
/// them: SQLite does not tell other connections that `ANALYZE` ran. Connections older than the
/// last refresh are therefore let go when next taken from the pool, and new ones read the
/// statistics afresh (a handful of reconnects an hour).
#[derive(Debug, Default)]
pub(crate) struct Statistics {
    refreshed: std::sync::Mutex<Option<std::time::Instant>>,
}

impl Statistics {
    fn refreshed_now(&self) {
        if let Ok(mut at) = self.refreshed.lock() {
            *at = Some(std::time::Instant::now());
        }
    }

    /// Whether a connection of this age opened before the last refresh.
    fn stale(&self, age: Duration) -> bool {
        let refreshed = self.refreshed.lock().ok().and_then(|at| *at);
        refreshed.is_some_and(|at| {
            std::time::Instant::now()
                .checked_sub(age)
                .is_some_and(|opened| opened < at)
        })
    }
}

/// The connection settings of every connection to the database at `url`.
fn options(url: &str) -> Result<SqliteConnectOptions, sqlx::Error> {
    Ok(SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // FULL: a commit is on disk before it is acknowledged, so a power loss cannot undo an
        // acknowledged write. Measured here it costs 0.12 ms a commit (0.03 ms with NORMAL),
        // which a register writing a few records a second never feels.
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10))
        .pragma("journal_size_limit", JOURNAL_SIZE_LIMIT.to_string())
        .pragma("cache_size", format!("-{}", CACHE_KIB))
        .analysis_limit(ANALYSIS_LIMIT)
        .optimize_on_close(true, None))
}

pub(crate) async fn connect(
    url: &str,
    statistics: std::sync::Arc<Statistics>,
) -> Result<SqlitePool, sqlx::Error> {
    let options = options(url)?;
    SqlitePoolOptions::new()
        .max_connections(8)
        .before_acquire(move |_, meta| {
            let fresh = !statistics.stale(meta.age);
            Box::pin(async move { Ok(fresh) })
        })
        .connect_with(options)
        .await
}

/// The upkeep's own connection: a checkpoint must not queue behind the requests for one of the
/// pool's connections, or the log grows the longest exactly when the load is highest.
pub(crate) struct UpkeepConnection {
    wal: std::path::PathBuf,
    options: SqliteConnectOptions,
    conn: tokio::sync::Mutex<Option<sqlx::SqliteConnection>>,
}

impl UpkeepConnection {
    /// For the database at `url`, when it is a file.
    pub(crate) fn of(url: &str) -> Option<UpkeepConnection> {
        Some(UpkeepConnection {
            wal: wal_path(url)?,
            options: options(url).ok()?,
            conn: tokio::sync::Mutex::new(None),
        })
    }
}

/// The file of the SQLite database at `url` (`sqlite:path`, `sqlite://path?mode=rwc`, …) as
/// sqlx reads the address; `None` for an in-memory database or another engine's address.
pub fn file_of(url: &str) -> Option<std::path::PathBuf> {
    let options = SqliteConnectOptions::from_str(url).ok()?;
    let db = options.get_filename();
    (!db.as_os_str().is_empty() && db != std::path::Path::new(":memory:")).then(|| db.to_path_buf())
}

/// The write-ahead log file of the database at `url`, if it is a file.
fn wal_path(url: &str) -> Option<std::path::PathBuf> {
    let options = SqliteConnectOptions::from_str(url).ok()?;
    let db = options.get_filename();
    (!db.as_os_str().is_empty() && db != std::path::Path::new(":memory:")).then(|| {
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        std::path::PathBuf::from(wal)
    })
}

/// What one round of upkeep found and did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Upkeep {
    /// The log's size before, in bytes.
    pub wal_before: u64,
    /// Whether a truncation was tried (the log had passed [`CHECKPOINT_AT`]).
    pub checkpointed: bool,
    /// A checkpoint could not finish (a reader or writer held on past the busy timeout); the
    /// next round tries again.
    pub busy: bool,
    /// The log's size after, in bytes.
    pub wal_after: u64,
}

/// Keeps the write-ahead log short: a log past [`CHECKPOINT_AT`] is checkpointed and truncated.
pub(crate) async fn upkeep(
    u: &UpkeepConnection,
    writes: &std::sync::Arc<tokio::sync::Mutex<()>>,
) -> Result<Upkeep, sqlx::Error> {
    use sqlx::ConnectOptions;
    let size = || std::fs::metadata(&u.wal).map(|m| m.len()).unwrap_or(0);
    let wal_before = size();
    if wal_before <= COPY_AT {
        return Ok(Upkeep {
            wal_before,
            wal_after: wal_before,
            ..Upkeep::default()
        });
    }
    let mut slot = u.conn.lock().await;
    let conn = match &mut *slot {
        Some(c) => c,
        empty => empty.insert(
            u.options
                .clone()
                .busy_timeout(TRUNCATE_WAIT)
                .connect()
                .await?,
        ),
    };
    let checkpoint = async {
        // First what can be copied without holding anyone back, so that a truncation, when
        // it comes, has little left to copy while writers wait.
        sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&mut *conn)
            .await?;
        if size() <= CHECKPOINT_AT {
            return Ok::<_, sqlx::Error>(None);
        }
        let _turn = writes.lock().await;
        let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
            .fetch_one(&mut *conn)
            .await?;
        Ok(Some(busy))
    }
    .await;
    let busy = match checkpoint {
        Ok(Some(busy)) => busy,
        Ok(None) => {
            return Ok(Upkeep {
                wal_before,
                wal_after: size(),
                ..Upkeep::default()
            });
        }
        Err(e) => {
            // A broken connection is opened afresh next time.
            *slot = None;
            return Err(e);
        }
    };
    Ok(Upkeep {
        wal_before,
        checkpointed: true,
        busy: busy != 0,
        wal_after: size(),
    })
}

/// Refreshes the planner's statistics. `ANALYZE` reads at most [`ANALYSIS_LIMIT`] rows per
/// index, so it costs the same on a register of 100 records as on one of 100,000; `PRAGMA
/// optimize` alone proved not to be enough: it leaves alone tables whose statistics were taken
/// while they were empty, which is every table of a new installation.
pub(crate) async fn refresh_statistics(
    pool: &SqlitePool,
    statistics: &Statistics,
) -> Result<(), sqlx::Error> {
    sqlx::query("ANALYZE").execute(pool).await?;
    statistics.refreshed_now();
    Ok(())
}

/// `BEGIN IMMEDIATE` takes SQLite's single write lock when the transaction starts rather than at
/// its first write, so two writers never both read the audit head and then collide. Before it,
/// the writer takes this process's turn (`writes`), with a connection already in hand: waiting
/// for a connection while holding the turn would hold every other writer back too (a third
/// of the write throughput in `examples/wal_under_load.rs`).
pub(crate) async fn begin_write(
    pool: &SqlitePool,
    writes: &std::sync::Arc<tokio::sync::Mutex<()>>,
) -> Result<
    (
        Transaction<'static, Sqlite>,
        (i64, String),
        tokio::sync::OwnedMutexGuard<()>,
    ),
    sqlx::Error,
> {
    // The turn first, then a connection: writers waiting their turn hold none of the pool's
    // connections, which the reads of every request (a token, a session) need meanwhile.
    let turn = writes.clone().lock_owned().await;
    begin_in_turn(pool, turn).await
}

/// Starts a write in this process's turn to write, already taken.
pub(crate) async fn begin_in_turn(
    pool: &SqlitePool,
    turn: tokio::sync::OwnedMutexGuard<()>,
) -> Result<
    (
        Transaction<'static, Sqlite>,
        (i64, String),
        tokio::sync::OwnedMutexGuard<()>,
    ),
    sqlx::Error,
> {
    use sqlx::SqlSafeStr;
    let conn = pool.acquire().await?;
    let mut tx = Transaction::begin(conn, Some("BEGIN IMMEDIATE".into_sql_str())).await?;
    let head: (i64, String) = sqlx::query_as(sql!("audit_head"))
        .fetch_one(&mut *tx)
        .await?;
    Ok((tx, head, turn))
}

/// Columns of every table: (table, column, declared type, not null), for the parity test.
pub(crate) async fn columns(
    pool: &SqlitePool,
) -> Result<Vec<(String, String, String, bool)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.name, p.name, p.type, p.\"notnull\" \
         FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx_%' \
         ORDER BY m.name, p.cid",
    )
    .fetch_all(pool)
    .await
}
