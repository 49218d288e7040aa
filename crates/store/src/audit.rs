//! The audit chain.

use aireg_domain::audit::{AuditEvent, Checkpoint};
use aireg_domain::policy::ReadScope;
use async_trait::async_trait;

use crate::StoreResult;

/// The audit chain.
#[async_trait]
pub trait AuditStore: Send + Sync {
    /// The audit events of one entity (e.g. a record: `system`, its id), oldest first, for the
    /// scope's organisations (not for the public scope).
    async fn audit_of(
        &self,
        scope: &ReadScope,
        entity_type: &str,
        entity_id: &str,
    ) -> StoreResult<Vec<AuditEvent>>;

    /// The newest `limit` of [`AuditStore::audit_of`] but those of the action `except` (when
    /// given), oldest first: what a page shows of an entity's trail, however long it grows.
    async fn audit_of_newest(
        &self,
        scope: &ReadScope,
        entity_type: &str,
        entity_id: &str,
        except: Option<&str>,
        limit: u32,
    ) -> StoreResult<Vec<AuditEvent>>;

    /// Events with `seq > after`, in order, at most `limit`.
    async fn audit_events(&self, after: i64, limit: i64) -> StoreResult<Vec<AuditEvent>>;

    /// The separately kept chain head: last sequence number and hash.
    async fn audit_head(&self) -> StoreResult<Option<(i64, String)>>;

    /// Keeps a signed checkpoint for the public feed (one per sequence number: a second for
    /// the same head is not kept).
    async fn save_checkpoint(&self, checkpoint: &Checkpoint) -> StoreResult<()>;

    /// Checkpoints of heads before `before` (newest first), at most `limit`: the public feed.
    async fn checkpoints(&self, before: i64, limit: i64) -> StoreResult<Vec<Checkpoint>>;
}
