//! The audit chain and its anchor outside the database. The chain links every event to the one
//! before it, so an edit shows; but whoever controls the database could re-hash the chain after
//! an edit, or cut events off its end and move the head. Signed checkpoints of the head (the
//! key kept outside the database) are published for anyone to keep: checked against any copy,
//! the chain must pass through the signed head with the signed hash. The records themselves are
//! compared with the state their audit events leave them in, so an edit of the record table
//! that bypassed the log shows too.

use std::collections::{BTreeMap, HashMap};

use aireg_domain::audit::{AuditEvent, AuditKey, ChainVerifier, Checkpoint};
use aireg_domain::policy::{Actor, ReadScope};
use aireg_domain::system::{Publication, SystemRecord};
use serde_json::Value;

use crate::{ServiceError, ServiceResult, Services};

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
        if let Some(newest) = store.checkpoints(i64::MAX, 1).await?.pop() {
            // Never sign a chain that no longer passes through what was signed before: that
            // would vouch for a rewrite.
            let signed = store.audit_events(newest.seq - 1, 1).await?;
            if signed.first().is_none_or(|e| e.hash != newest.hash) {
                return Err(ServiceError::Internal(format!(
                    "the audit chain no longer passes through the checkpoint of event {}: not \
                     signing it (run aireg audit verify)",
                    newest.seq
                )));
            }
            if newest.seq == seq && newest.public_key == key.public_hex() {
                return Ok(Some(newest));
            }
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
    /// the caller has checked), then compares every record with its audited state.
    /// `progress` hears how far it got now and then.
    pub async fn verify_audit(
        &self,
        checkpoints: &[Checkpoint],
        progress: &(dyn Fn(String) + Sync),
    ) -> ServiceResult<Verdict> {
        let store = self.store();
        let broken = |at: i64, why: String| Ok(Verdict::Broken { at, why });
        // The head is read first and the walk stops there: events written while it runs (a
        // live server) belong to a later head.
        let Some((last, head_hash)) = store.audit_head().await? else {
            return broken(1, "the chain head is missing".into());
        };
        let mut vouched: BTreeMap<i64, &Checkpoint> = BTreeMap::new();
        for c in checkpoints {
            if let Some(other) = vouched.insert(c.seq, c)
                && other.hash != c.hash
            {
                // Both are signed: the chain was rewritten between them and signed again.
                return broken(
                    c.seq,
                    format!(
                        "two signed checkpoints vouch for different events {}: the chain was \
                         rewritten and signed again",
                        c.seq
                    ),
                );
            }
        }
        let mut audited: HashMap<String, Audited> = HashMap::new();
        // The state each version was made in, by record and version.
        let mut versions: HashMap<(String, i64), Audited> = HashMap::new();
        let mut verifier = ChainVerifier::new();
        let mut after = 0;
        'walk: loop {
            let batch = match store.audit_events(after, BATCH).await {
                Ok(b) => b,
                // A row that does not even read back was edited by hand: find which.
                Err(e) => {
                    let mut at = after;
                    while let Ok(one) = store.audit_events(at, 1).await {
                        match one.first() {
                            Some(next) => at = next.seq,
                            None => break,
                        }
                    }
                    return broken(at + 1, format!("the stored event cannot be read ({e})"));
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
                if event.entity_type == "system" {
                    let state = audited.entry(event.entity_id.clone()).or_default();
                    if state.apply(event)
                        && let Some(v) = state.version
                    {
                        versions.insert((event.entity_id.clone(), v), state.clone());
                    }
                }
                after = event.seq;
            }
            if after % (BATCH * 10) == 0 {
                progress(format!("checked {after} events…"));
            }
        }
        if let Err(b) = verifier.finish(Some((last, head_hash.as_str()))) {
            return broken(b.seq(), b.to_string());
        }
        // Rows beyond the head: a forged event appended without moving it (the head may have
        // moved on since the walk began; anything beyond where it is now does not belong).
        let mut now_last = store.audit_head().await?.map(|(s, _)| s).unwrap_or(last);
        let mut beyond = store.audit_events(now_last.max(last), 1).await?;
        if !beyond.is_empty() {
            // A write may have committed between the two reads: read the head again.
            now_last = store.audit_head().await?.map(|(s, _)| s).unwrap_or(last);
            beyond = store.audit_events(now_last.max(last), 1).await?;
        }
        if let Some(beyond) = beyond.first() {
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
        if let Some((at, why)) = self.records_against(&audited, last, progress).await? {
            return broken(at, why);
        }
        if let Some((at, why)) = self.history_against(versions, last, progress).await? {
            return broken(at, why);
        }
        Ok(Verdict::Intact {
            events: last,
            head: head_hash,
            checkpoints: checkpoints.len(),
        })
    }

    /// Compares every stored record with the state its audit events leave it in: a record
    /// edited in the table directly, added or deleted outside aireg differs. The first
    /// difference, with the event it differs from.
    async fn records_against(
        &self,
        audited: &HashMap<String, Audited>,
        last: i64,
        progress: &(dyn Fn(String) + Sync),
    ) -> ServiceResult<Option<(i64, String)>> {
        let mut seen = 0usize;
        let mut stored: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut after = None;
        loop {
            let got = match self
                .store()
                .all_systems(&audit_scope(), &Default::default(), after, BATCH)
                .await
            {
                Ok(got) => got,
                // A record whose row and history disagree (its version deleted or renumbered
                // in the tables directly) does not read whole.
                Err(e) => {
                    return Ok(Some((
                        last,
                        format!(
                            "a record cannot be read ({e}): its row names a version its history \
                             does not hold, or its content was changed outside aireg"
                        ),
                    )));
                }
            };
            let Some(tail) = got.last() else {
                break;
            };
            after = Some(tail.id);
            for system in &got {
                let id = system.id.to_string();
                seen += 1;
                stored.insert(id.clone());
                let found = match audited.get(&id) {
                    None => Some((
                        1,
                        format!("record {id} has no audit event: it was added outside aireg"),
                    )),
                    Some(a)
                        if a.org
                            .as_deref()
                            .is_some_and(|o| o != system.org_id.to_string()) =>
                    {
                        Some((
                            a.seq,
                            format!(
                                "record {id} belongs to another organisation than event {} \
                                 recorded: it was moved outside aireg",
                                a.seq
                            ),
                        ))
                    }
                    Some(a) => a
                        .differs_from(system.version, system.publication, &system.record)
                        .map(|what| {
                            (
                                a.seq,
                                format!(
                                    "record {id} differs from the state event {} recorded \
                                     ({what}): it was changed outside aireg",
                                    a.seq
                                ),
                            )
                        }),
                };
                // Asked only of a record that differs, so the check stays a few queries.
                if found.is_some() && !self.changed_since(&id, last).await? {
                    return Ok(found);
                }
            }
            if seen.is_multiple_of(BATCH as usize * 10) {
                progress(format!("compared {seen} records with their audited state…"));
            }
        }
        if let Some((id, a)) = audited
            .iter()
            .filter(|(id, _)| !stored.contains(*id))
            .min_by_key(|(_, a)| a.seq)
        {
            return Ok(Some((
                a.seq,
                format!(
                    "record {id} was deleted outside aireg (its last event is {})",
                    a.seq
                ),
            )));
        }
        Ok(None)
    }

    /// Whether the record has events after `last`: it changed while the chain was walked (a
    /// live server), so its row is newer than the state walked, not tampered with.
    async fn changed_since(&self, id: &str, last: i64) -> ServiceResult<bool> {
        Ok(self
            .store()
            .audit_of_newest(&audit_scope(), "system", id, None, 1)
            .await?
            .iter()
            .any(|e| e.seq > last))
    }

    /// Compares every stored version of every record with the state the event that made it
    /// recorded: a version edited, added or deleted in the history table directly differs.
    async fn history_against(
        &self,
        mut expected: HashMap<(String, i64), Audited>,
        last: i64,
        progress: &(dyn Fn(String) + Sync),
    ) -> ServiceResult<Option<(i64, String)>> {
        let mut after = None;
        let mut seen = 0u64;
        loop {
            let page = self.store().all_versions(after, BATCH).await?;
            let Some(tail) = page.last() else {
                break;
            };
            after = Some((tail.system_id, tail.version));
            for v in &page {
                let id = v.system_id.to_string();
                let made = expected.remove(&(id.clone(), v.version));
                if made.is_none() && self.changed_since(&id, last).await? {
                    continue;
                }
                let Some(a) = made else {
                    return Ok(Some((
                        1,
                        format!(
                            "version {} of record {id} has no audit event: it was added to the \
                             history outside aireg",
                            v.version
                        ),
                    )));
                };
                if let Some(what) = a.differs_from(v.version, v.publication, &v.record) {
                    return Ok(Some((
                        a.seq,
                        format!(
                            "version {} of record {id} differs from what event {} recorded \
                             ({what}): the history was changed outside aireg",
                            v.version, a.seq
                        ),
                    )));
                }
                seen += 1;
            }
            if seen.is_multiple_of(10_000) {
                progress(format!("compared {seen} versions with the audit log…"));
            }
        }
        if let Some(((id, version), a)) = expected.into_iter().min_by_key(|(_, a)| a.seq) {
            return Ok(Some((
                a.seq,
                format!(
                    "version {version} of record {id}, made by event {}, is not in the history: \
                     it was deleted outside aireg",
                    a.seq
                ),
            )));
        }
        Ok(None)
    }
}

/// Verification reads every organisation's records.
fn audit_scope() -> ReadScope {
    ReadScope::for_actor(&Actor::command_line("aireg:audit"))
}

/// What a record's audit events say it is now: version, publication, life-cycle state, next
/// review and a fingerprint of the rest of the record (`None` where no event said, or an old
/// event's record no longer reads as today's type: then that part is not compared).
#[derive(Debug, Default, Clone)]
struct Audited {
    seq: i64,
    /// The organisation its events were recorded under.
    org: Option<String>,
    version: Option<i64>,
    publication: Option<String>,
    lifecycle: Option<String>,
    next_review: Option<Value>,
    rest: Option<String>,
}

impl Audited {
    /// Folds in an event about the record: those that make a version (`system.create`,
    /// `.update`, `.publish`, `.withdraw`, `.transition`, `.review`); other events about it
    /// (classification, approvals, assessments) leave the record as it was.
    /// Whether the event made a version of the record.
    fn apply(&mut self, event: &AuditEvent) -> bool {
        let Some(after) = event.after_value() else {
            return false;
        };
        if let Some(org) = event.org_id {
            self.org = Some(org.to_string());
        }
        let bumps = match event.action.as_str() {
            "system.create" | "system.update" | "system.publish" | "system.withdraw"
            | "system.transition" => true,
            // A review moves the next review date and makes a version; its event records the
            // review, not the version.
            "system.review" => {
                self.seq = event.seq;
                self.version = self.version.map(|v| v + 1);
                self.next_review = Some(after["next_review"].clone());
                return true;
            }
            _ => return false,
        };
        self.seq = event.seq;
        if bumps && let Some(v) = after["version"].as_i64() {
            self.version = Some(v);
        }
        if let Some(p) = after["publication"].as_str() {
            self.publication = Some(p.to_string());
        }
        if let Some(l) = after["lifecycle"].as_str() {
            self.lifecycle = Some(l.to_string());
        }
        // Events since the record moved out of them name its fingerprint; older ones hold it.
        if let Some(f) = after["fingerprint"].as_str() {
            self.next_review = Some(after["next_review"].clone());
            self.rest = Some(f.to_string());
        } else if let Some(record) = after.get("record") {
            self.lifecycle = record["lifecycle"].as_str().map(String::from);
            self.next_review = Some(record["next_review"].clone());
            self.rest = serde_json::from_value::<SystemRecord>(record.clone())
                .ok()
                .map(|r| fingerprint(&r));
        }
        true
    }

    /// What of a stored record (or version of it) is not what the events say, if anything.
    fn differs_from(
        &self,
        version: i64,
        publication: Publication,
        record: &SystemRecord,
    ) -> Option<&'static str> {
        let stored = serde_json::to_value(record).unwrap_or_default();
        if self.version.is_some_and(|v| v != version) {
            Some("version")
        } else if self
            .publication
            .as_deref()
            .is_some_and(|p| p != publication.as_str())
        {
            Some("publication")
        } else if self
            .lifecycle
            .as_deref()
            .is_some_and(|l| l != record.lifecycle.as_str())
        {
            Some("life-cycle state")
        } else if self
            .next_review
            .as_ref()
            .is_some_and(|n| *n != stored["next_review"])
        {
            Some("next review")
        } else if self
            .rest
            .as_deref()
            .is_some_and(|r| r != fingerprint(record))
        {
            Some("record fields")
        } else {
            None
        }
    }
}

/// A fingerprint of a record's fields but its life-cycle state and next review (moves and
/// reviews change those alone).
fn fingerprint(record: &SystemRecord) -> String {
    aireg_domain::audit::record_fingerprint(record)
}
