//! Appending to and reading the audit chain.

use aireg_domain::audit::{AuditEvent, Checkpoint, NewAuditEvent};
use aireg_store::StoreResult;
use async_trait::async_trait;

use crate::rows::AuditRow;
use crate::search::{ROWS_PER_INSERT, shaped};
use crate::ts::Ts;
use crate::{SqlStore, WriteTx, backend};
use aireg_store::AuditStore;
use sqlx::QueryBuilder;

#[async_trait]
impl AuditStore for SqlStore {
    /// The events of one entity, oldest first, limited to the scope's organisations. Events without
    /// an organisation (platform work) are shown only to a platform-wide scope.
    async fn audit_of(
        &self,
        scope: &aireg_domain::policy::ReadScope,
        entity_type: &str,
        entity_id: &str,
    ) -> StoreResult<Vec<AuditEvent>> {
        if scope.is_public() {
            return Ok(Vec::new());
        }
        let rows: Vec<AuditRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("audit_of_entity"))
                .bind(entity_type)
                .bind(entity_id)
                .fetch_all(p)
                .await
        })
        .map_err(backend)?;
        seen_events(scope, rows)
    }

    async fn audit_of_newest(
        &self,
        scope: &aireg_domain::policy::ReadScope,
        entity_type: &str,
        entity_id: &str,
        except: Option<&str>,
        limit: u32,
    ) -> StoreResult<Vec<AuditEvent>> {
        if scope.is_public() {
            return Ok(Vec::new());
        }
        let mut rows: Vec<AuditRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("audit_of_entity_newest"))
                .bind(entity_type)
                .bind(entity_id)
                .bind(except.unwrap_or(""))
                .bind(i64::from(limit))
                .fetch_all(p)
                .await
        })
        .map_err(backend)?;
        rows.reverse();
        seen_events(scope, rows)
    }

    async fn audit_events(&self, after: i64, limit: i64) -> StoreResult<Vec<AuditEvent>> {
        let rows: Vec<AuditRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("audit_events_after"))
                .bind(after)
                .bind(limit)
                .fetch_all(p)
                .await
        })
        .map_err(backend)?;
        rows.into_iter().map(AuditRow::into_domain).collect()
    }

    async fn audit_head(&self) -> StoreResult<Option<(i64, String)>> {
        let head: Option<(i64, String)> = on_pool!(self, p => {
            sqlx::query_as(sql!("audit_head")).fetch_optional(p).await
        })
        .map_err(backend)?;
        Ok(head)
    }

    async fn save_checkpoint(&self, c: &Checkpoint) -> StoreResult<()> {
        on_pool!(self, p => {
            sqlx::query(sql!("audit_checkpoint_insert"))
                .bind(c.seq)
                .bind(&c.hash)
                .bind(Ts(c.at))
                .bind(&c.public_key)
                .bind(&c.signature)
                .execute(p)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        Ok(())
    }

    async fn checkpoints(&self, before: i64, limit: i64) -> StoreResult<Vec<Checkpoint>> {
        let rows: Vec<(i64, String, Ts, String, String)> = on_pool!(self, p => {
            sqlx::query_as(sql!("audit_checkpoints_before"))
                .bind(before)
                .bind(limit)
                .fetch_all(p)
                .await
        })
        .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(|(seq, hash, at, public_key, signature)| Checkpoint {
                format: Checkpoint::FORMAT.into(),
                seq,
                hash,
                at: at.0,
                public_key,
                signature,
            })
            .collect())
    }
}

/// Seals the event onto the head this transaction holds, stores it and moves the head.
pub(crate) async fn append(tx: &mut WriteTx, event: NewAuditEvent) -> StoreResult<()> {
    append_all(tx, vec![event]).await
}

/// Seals the events one after the other onto the head, stores them in a few statements (a bulk
/// import's hundreds at a time) and moves the head.
pub(crate) async fn append_all(tx: &mut WriteTx, events: Vec<NewAuditEvent>) -> StoreResult<()> {
    let mut sealed: Vec<AuditEvent> = Vec::with_capacity(events.len());
    for event in events {
        let prev = match sealed.last() {
            Some(e) => (e.seq, e.hash.as_str()),
            None => (tx.head.0, tx.head.1.as_str()),
        };
        let e = event.seal(Some(prev), tx.now, tx.actor_id, &tx.actor_name);
        sealed.push(e);
    }
    let Some(last) = sealed.last() else {
        return Ok(());
    };
    let head = (last.seq, last.hash.clone());
    for chunk in shaped(&sealed, ROWS_PER_INSERT) {
        on_tx!(tx, c => {
            let mut q = QueryBuilder::new(
                "INSERT INTO audit_event (seq, at, actor_id, actor_name, action, entity_type, \
                 entity_id, org_id, before_state, after_state, prev_hash, hash) ",
            );
            q.push_values(chunk, |mut b, e| {
                b.push_bind(e.seq)
                    .push_bind(Ts(e.at))
                    .push_bind(e.actor_id.map(|u| u.to_string()))
                    .push_bind(e.actor_name.clone())
                    .push_bind(e.action.clone())
                    .push_bind(e.entity_type.clone())
                    .push_bind(e.entity_id.clone())
                    .push_bind(e.org_id.map(|o| o.to_string()))
                    .push_bind(e.before.clone())
                    .push_bind(e.after.clone())
                    .push_bind(e.prev_hash.clone())
                    .push_bind(e.hash.clone());
            });
            q.build().execute(&mut *c).await.map(|r| r.rows_affected())
        })
        .map_err(backend)?;
    }
    tx.head = head;
    tx.head_moved = true;
    Ok(())
}

/// Moves the head row to the transaction's last event (once per transaction, before it
/// commits: the head and the events it names are written together).
pub(crate) async fn write_head(tx: &mut WriteTx) -> StoreResult<()> {
    let (seq, hash) = tx.head.clone();
    on_tx!(tx, c => {
        sqlx::query(sql!("audit_head_update"))
            .bind(seq)
            .bind(&hash)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected())
    })
    .map_err(backend)?;
    tx.head_moved = false;
    Ok(())
}

/// The events the scope may see: those of its organisations, and those without one (platform
/// work) only for a platform-wide scope.
fn seen_events(
    scope: &aireg_domain::policy::ReadScope,
    rows: Vec<AuditRow>,
) -> StoreResult<Vec<AuditEvent>> {
    let mut events = Vec::with_capacity(rows.len());
    for row in rows {
        let e = row.into_domain()?;
        let seen = match e.org_id {
            Some(org) => scope.allows(org, false),
            None => scope.orgs().is_none(),
        };
        if seen {
            events.push(e);
        }
    }
    Ok(events)
}
