//! The audit chain and its anchor outside the database. The chain links every event to the one
//! before it, so an edit shows; but whoever controls the database could re-hash the chain after
//! an edit, or cut events off its end and move the head. Signed checkpoints of the head (the
//! key kept outside the database) are published for anyone to keep: checked against any copy,
//! the chain must pass through the signed head with the signed hash.

use std::collections::BTreeMap;

use aireg_domain::audit::{AuditKey, ChainVerifier, Checkpoint};

use crate::{ServiceResult, Services};

/// Events read at a time while walking the chain.
const BATCH: i64 = 1000;

/// The longest page of the public checkpoint feed.
pub const MAX_CHECKPOINTS: i64 = 100;

/// What walking the chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The chain is whole up to its head and passes through every checkpoint given.
    Intact {
        events: i64,
        head: String,
        checkpoints: usize,
    },
    /// The first event that does not fit, and why.
    Broken { at: i64, why: String },
}

impl Services {
    /// Signs the chain's head now and keeps the checkpoint for the public feed. `None` while
    /// the chain is empty; when the head has not moved since the newest checkpoint, that one.
    pub async fn checkpoint(&self, key: &AuditKey) -> ServiceResult<Option<Checkpoint>> {
        let store = self.store();
        let Some((seq, hash)) = store.audit_head().await? else {
            return Ok(None);
        };
        if seq == 0 {
            return Ok(None);
        }
        if let Some(newest) = store.checkpoints(i64::MAX, 1).await?.pop()
            && newest.seq == seq
            && newest.public_key == key.public_hex()
        {
            return Ok(Some(newest));
        }
        let checkpoint = Checkpoint::sign(seq, &hash, self.now(), key);
        store.save_checkpoint(&checkpoint).await?;
        Ok(Some(checkpoint))
    }

    /// The public feed of checkpoints, newest first: those of heads before `before`.
    pub async fn checkpoint_feed(
        &self,
        before: Option<i64>,
        limit: i64,
    ) -> ServiceResult<Vec<Checkpoint>> {
        Ok(self
            .store()
            .checkpoints(before.unwrap_or(i64::MAX), limit.clamp(1, MAX_CHECKPOINTS))
            .await?)
    }

    /// Walks the chain from its first event to its head, checking each link, that nothing lies
    /// beyond the head, and that the chain passes through each checkpoint (whose signatures
    /// the caller has checked). `progress` hears the number of events checked now and then.
    pub async fn verify_audit(
        &self,
        checkpoints: &[Checkpoint],
        progress: &(dyn Fn(i64) + Sync),
    ) -> ServiceResult<Verdict> {
        let store = self.store();
        let broken = |at: i64, why: String| Ok(Verdict::Broken { at, why });
        // The head is read first and the walk stops there: events written while it runs (a
        // live server) belong to a later head.
        let Some((last, head_hash)) = store.audit_head().await? else {
            return broken(1, "the chain head is missing".into());
        };
        let vouched: BTreeMap<i64, &Checkpoint> = checkpoints.iter().map(|c| (c.seq, c)).collect();
        let mut verifier = ChainVerifier::new();
        let mut after = 0;
        'walk: loop {
            let batch = match store.audit_events(after, BATCH).await {
                Ok(b) => b,
                // A row that does not even read back was edited by hand.
                Err(e) => {
                    return broken(after + 1, format!("the stored event cannot be read ({e})"));
                }
            };
            if batch.is_empty() {
                break;
            }
            for event in &batch {
                if event.seq > last {
                    break 'walk;
                }
                if let Err(b) = verifier.check(event) {
                    return broken(b.seq(), b.to_string());
                }
                if let Some(c) = vouched.get(&event.seq)
                    && c.hash != event.hash
                {
                    return broken(
                        event.seq,
                        format!(
                            "the checkpoint signed at {} vouches for another event here: the \
                             chain was rewritten from here or before",
                            aireg_domain::clock::rfc3339(c.at)
                        ),
                    );
                }
                after = event.seq;
            }
            if after % (BATCH * 10) == 0 {
                progress(after);
            }
        }
        if let Err(b) = verifier.finish(Some((last, head_hash.as_str()))) {
            return broken(b.seq(), b.to_string());
        }
        // Rows beyond the head: a forged event appended without moving it (the head may have
        // moved on since the walk began; anything beyond where it is now does not belong).
        let now_last = store.audit_head().await?.map(|(s, _)| s).unwrap_or(last);
        if let Some(beyond) = store.audit_events(now_last.max(last), 1).await?.first() {
            return broken(
                beyond.seq,
                format!(
                    "event {} lies beyond the chain head ({}): it was added outside aireg",
                    beyond.seq,
                    now_last.max(last)
                ),
            );
        }
        if let Some((seq, c)) = vouched.range(last + 1..).next() {
            return broken(
                last + 1,
                format!(
                    "the checkpoint signed at {} vouches for {seq} events, the chain holds {last}: \
                     events were removed from its end",
                    aireg_domain::clock::rfc3339(c.at)
                ),
            );
        }
        Ok(Verdict::Intact {
            events: last,
            head: head_hash,
            checkpoints: checkpoints.len(),
        })
    }
}
