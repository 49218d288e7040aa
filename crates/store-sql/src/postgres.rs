//! PostgreSQL: for larger deployments, where several stateless aireg instances share one
//! database.

use sqlx::migrate::Migrator;
use sqlx::postgres::PgPoolOptions;
use sqlx::{PgPool, Postgres, Transaction};

pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

pub(crate) async fn connect(url: &str) -> Result<PgPool, sqlx::Error> {
    PgPoolOptions::new().max_connections(10).connect(url).await
}

/// Locks the one-row audit head first thing in every write transaction: appends from all app
/// instances then happen one at a time and the chain never forks, and because every writer takes
/// this lock before any other, writers cannot deadlock on each other's rows.
pub(crate) async fn begin_write(
    pool: &PgPool,
) -> Result<(Transaction<'static, Postgres>, (i64, String)), sqlx::Error> {
    let mut tx = pool.begin().await?;
    let head: (i64, String) = sqlx::query_as(sql!("audit_head_for_update"))
        .fetch_one(&mut *tx)
        .await?;
    Ok((tx, head))
}

/// Columns of every table: (table, column, type, not null), for the parity test.
pub(crate) async fn columns(
    pool: &PgPool,
) -> Result<Vec<(String, String, String, bool)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable = 'NO' \
         FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name NOT LIKE '\\_sqlx\\_%' \
         ORDER BY table_name, ordinal_position",
    )
    .fetch_all(pool)
    .await
}
