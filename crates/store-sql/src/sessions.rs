//! Server-side sessions and the sign-in throttle's failure log.

use async_trait::async_trait;
use time::OffsetDateTime;

use aireg_domain::UserId;
use aireg_store::{Session, SessionStore, StoreResult};

use crate::rows::SessionRow;
use crate::ts::Ts;
use crate::{SqlStore, backend};

#[async_trait]
impl SessionStore for SqlStore {
    async fn create_session(&self, s: &Session) -> StoreResult<()> {
        on_pool!(self, p => {
            sqlx::query(sql!("session_insert"))
                .bind(&s.id_hash)
                .bind(s.user_id.to_string())
                .bind(&s.csrf_token)
                .bind(Ts(s.created_at))
                .bind(Ts(s.last_seen_at))
                .bind(Ts(s.expires_at))
                .bind(&s.user_agent)
                .bind(&s.signed_in_with)
                .bind(s.awaiting_code)
                .execute(p)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        Ok(())
    }

    async fn session(&self, id_hash: &str, now: OffsetDateTime) -> StoreResult<Option<Session>> {
        let row: Option<SessionRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("session_get"))
                .bind(id_hash)
                .bind(Ts(now))
                .fetch_optional(p)
                .await
        })
        .map_err(backend)?;
        row.map(SessionRow::into_domain).transpose()
    }

    async fn touch_session(
        &self,
        id_hash: &str,
        now: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> StoreResult<()> {
        on_pool!(self, p => {
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

    async fn delete_session(&self, id_hash: &str) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(sql!("session_delete")).bind(id_hash).execute(p).await
                .map(|r| r.rows_affected()))
        .map_err(backend)?;
        Ok(())
    }

    async fn sessions_of(&self, user: UserId, now: OffsetDateTime) -> StoreResult<Vec<Session>> {
        let rows: Vec<SessionRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("sessions_of_user"))
                .bind(user.to_string())
                .bind(Ts(now))
                .fetch_all(p)
                .await
        })
        .map_err(backend)?;
        rows.into_iter().map(SessionRow::into_domain).collect()
    }

    async fn delete_other_sessions(&self, user: UserId, keep: &str) -> StoreResult<u64> {
        let done = on_pool!(self, p => {
            sqlx::query(sql!("session_delete_others"))
                .bind(user.to_string())
                .bind(keep)
                .execute(p)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        Ok(done)
    }

    async fn delete_sessions_of(&self, user: UserId) -> StoreResult<u64> {
        let done = on_pool!(self, p => {
            sqlx::query(sql!("session_delete_of_user")).bind(user.to_string()).execute(p).await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        Ok(done)
    }

    async fn delete_expired_sessions(&self, now: OffsetDateTime) -> StoreResult<u64> {
        let done = on_pool!(self, p => {
            sqlx::query(sql!("session_delete_expired")).bind(Ts(now)).execute(p).await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        Ok(done)
    }

    async fn delete_login_failures_before(&self, before: OffsetDateTime) -> StoreResult<u64> {
        let done = on_pool!(self, p => {
            sqlx::query(sql!("login_failure_delete_before")).bind(Ts(before)).execute(p).await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        Ok(done)
    }

    async fn record_login_failure(&self, key: &str, at: OffsetDateTime) -> StoreResult<()> {
        on_pool!(self, p => {
            sqlx::query(sql!("login_failure_insert")).bind(key).bind(Ts(at)).execute(p).await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        Ok(())
    }

    async fn login_failures_since(&self, key: &str, since: OffsetDateTime) -> StoreResult<i64> {
        let (n,): (i64,) = on_pool!(self, p => {
            sqlx::query_as(sql!("login_failure_count")).bind(key).bind(Ts(since)).fetch_one(p).await
        })
        .map_err(backend)?;
        Ok(n)
    }

    async fn clear_login_failures(&self, key: &str) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(sql!("login_failure_clear")).bind(key).execute(p).await
                .map(|r| r.rows_affected()))
        .map_err(backend)?;
        Ok(())
    }
}
