//! SQLite: the embedded default. One file, write-ahead logging so readers never wait for the
//! writer, a busy timeout so concurrent writers queue instead of failing.

use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};

pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

pub(crate) async fn connect(url: &str) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
}

/// `BEGIN IMMEDIATE` takes SQLite's single write lock when the transaction starts rather than at
/// its first write, so two writers never both read the audit head and then collide; the second
/// waits (busy timeout) until the first commits.
pub(crate) async fn begin_write(
    pool: &SqlitePool,
) -> Result<(Transaction<'static, Sqlite>, (i64, String)), sqlx::Error> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let head: (i64, String) = sqlx::query_as(sql!("audit_head"))
        .fetch_one(&mut *tx)
        .await?;
    Ok((tx, head))
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
