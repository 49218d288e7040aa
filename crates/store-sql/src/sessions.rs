//! Server-side sessions and the sign-in throttle's failure log.

use time::OffsetDateTime;

use aireg_domain::UserId;
use aireg_store::{Session, StoreResult};

use crate::rows::SessionRow;
use crate::ts::Ts;
use crate::{SqlStore, backend};

pub(crate) async fn create(store: &SqlStore, s: &Session) -> StoreResult<()> {
    on_pool!(store, p => {
        sqlx::query(sql!("session_insert"))
            .bind(&s.id_hash)
            .bind(s.user_id.to_string())
            .bind(&s.csrf_token)
            .bind(Ts(s.created_at))
            .bind(Ts(s.last_seen_at))
            .bind(Ts(s.expires_at))
            .execute(p)
            .await
            .map(|r| r.rows_affected())
    })
    .map_err(backend)?;
    Ok(())
}

pub(crate) async fn get(
    store: &SqlStore,
    id_hash: &str,
    now: OffsetDateTime,
) -> StoreResult<Option<Session>> {
    let row: Option<SessionRow> = on_pool!(store, p => {
        sqlx::query_as(sql!("session_get"))
            .bind(id_hash)
            .bind(Ts(now))
            .fetch_optional(p)
            .await
    })
    .map_err(backend)?;
    row.map(SessionRow::into_domain).transpose()
}

pub(crate) async fn touch(
    store: &SqlStore,
    id_hash: &str,
    now: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> StoreResult<()> {
    on_pool!(store, p => {
        sqlx::query(sql!("session_touch"))
            .bind(id_hash)
            .bind(Ts(now))
            .bind(Ts(expires_at))
            .execute(p)
            .await
            .map(|r| r.rows_affected())
    })
    .map_err(backend)?;
    Ok(())
}

pub(crate) async fn delete(store: &SqlStore, id_hash: &str) -> StoreResult<()> {
    on_pool!(store, p => sqlx::query(sql!("session_delete")).bind(id_hash).execute(p).await
            .map(|r| r.rows_affected()))
    .map_err(backend)?;
    Ok(())
}

pub(crate) async fn delete_of_user(store: &SqlStore, user: UserId) -> StoreResult<u64> {
    let done = on_pool!(store, p => {
        sqlx::query(sql!("session_delete_of_user")).bind(user.to_string()).execute(p).await
            .map(|r| r.rows_affected())
    })
    .map_err(backend)?;
    Ok(done)
}

pub(crate) async fn delete_expired(store: &SqlStore, now: OffsetDateTime) -> StoreResult<u64> {
    let done = on_pool!(store, p => {
        sqlx::query(sql!("session_delete_expired")).bind(Ts(now)).execute(p).await
            .map(|r| r.rows_affected())
    })
    .map_err(backend)?;
    Ok(done)
}

pub(crate) async fn record_failure(
    store: &SqlStore,
    key: &str,
    at: OffsetDateTime,
) -> StoreResult<()> {
    on_pool!(store, p => {
        sqlx::query(sql!("login_failure_insert")).bind(key).bind(Ts(at)).execute(p).await
            .map(|r| r.rows_affected())
    })
    .map_err(backend)?;
    Ok(())
}

pub(crate) async fn failures_since(
    store: &SqlStore,
    key: &str,
    since: OffsetDateTime,
) -> StoreResult<i64> {
    let (n,): (i64,) = on_pool!(store, p => {
        sqlx::query_as(sql!("login_failure_count")).bind(key).bind(Ts(since)).fetch_one(p).await
    })
    .map_err(backend)?;
    Ok(n)
}

pub(crate) async fn clear_failures(store: &SqlStore, key: &str) -> StoreResult<()> {
    on_pool!(store, p => sqlx::query(sql!("login_failure_clear")).bind(key).execute(p).await
            .map(|r| r.rows_affected()))
    .map_err(backend)?;
    Ok(())
}
