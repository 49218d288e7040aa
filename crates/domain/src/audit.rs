//! The tamper-evident audit log.
//!
//! Every change appends an event whose hash covers the event and the previous event's hash, so
//! altering, removing or reordering any stored event breaks the chain from that point on, and
//! [`ChainVerifier`] names the first event that does not fit.

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::clock::rfc3339;
use crate::{OrgId, UserId};

/// The `prev_hash` of the first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What a change appends, before it is numbered and chained.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAuditEvent {
    /// What happened, as `entity.verb`: `system.create`, `membership.add`, `token.revoke`, …
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub org_id: Option<OrgId>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl NewAuditEvent {
    pub fn new(action: &str, entity_type: &str, entity_id: impl ToString) -> Self {
        Self {
            action: action.to_string(),
            entity_type: entity_type.to_string(),
            entity_id: entity_id.to_string(),
            org_id: None,
            before: None,
            after: None,
        }
    }

    pub fn org(mut self, org: Option<OrgId>) -> Self {
        self.org_id = org;
        self
    }

    pub fn before(mut self, v: impl Serialize) -> Self {
        self.before = serde_json::to_value(v).ok();
        self
    }

    pub fn after(mut self, v: impl Serialize) -> Self {
        self.after = serde_json::to_value(v).ok();
        self
    }

    /// Numbers and chains the event after the event `prev` (`None` for the first).
    pub fn seal(
        self,
        prev: Option<(i64, &str)>,
        at: OffsetDateTime,
        actor_id: Option<UserId>,
        actor_name: &str,
    ) -> AuditEvent {
        let (prev_seq, prev_hash) = prev.unwrap_or((0, GENESIS_HASH));
        let mut e = AuditEvent {
            seq: prev_seq + 1,
            at: crate::clock::truncate(at),
            actor_id,
            actor_name: actor_name.to_string(),
            action: self.action,
            entity_type: self.entity_type,
            entity_id: self.entity_id,
            org_id: self.org_id,
            before: self.before.as_ref().map(canonical_json),
            after: self.after.as_ref().map(canonical_json),
            prev_hash: prev_hash.to_string(),
            hash: String::new(),
        };
        e.hash = e.compute_hash();
        e
    }
}

/// A stored audit event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEvent {
    pub seq: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub actor_id: Option<UserId>,
    pub actor_name: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub org_id: Option<OrgId>,
    /// Canonical JSON of the state before the change.
    pub before: Option<String>,
    /// Canonical JSON of the state after the change.
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEvent {
    /// SHA-256 over a fixed-order JSON array of every field but `hash`, in lower-case hex.
    pub fn compute_hash(&self) -> String {
        let fields = serde_json::json!([
            self.seq,
            rfc3339(self.at),
            self.actor_id.map(|u| u.to_string()),
            self.actor_name,
            self.action,
            self.entity_type,
            self.entity_id,
            self.org_id.map(|o| o.to_string()),
            self.before,
            self.after,
            self.prev_hash,
        ]);
        let bytes = canonical_json(&fields);
        hex(&Sha256::digest(bytes.as_bytes()))
    }

    pub fn before_value(&self) -> Option<Value> {
        self.before
            .as_deref()
            .and_then(|s| serde_json::from_str(s).ok())
    }

    pub fn after_value(&self) -> Option<Value> {
        self.after
            .as_deref()
            .and_then(|s| serde_json::from_str(s).ok())
    }
}

/// A fingerprint of a record's fields but its life-cycle state and next review (moves and
/// reviews change those alone): what an audit event of a save keeps of the record, whose
/// whole text is in the version it made.
pub fn record_fingerprint(record: &crate::system::SystemRecord) -> String {
    let mut value = serde_json::to_value(record).unwrap_or_default();
    if let Some(o) = value.as_object_mut() {
        o.remove("lifecycle");
        o.remove("next_review");
    }
    hex(&Sha256::digest(canonical_json(&value).as_bytes()))
}

/// What the audit event of a record's save says of it: version, publication, life-cycle
/// state, next review and the fingerprint of the rest. The record itself is in its version
/// (`ai_system_version`); keeping it in the event too doubled what each save stores, and the
/// fingerprint lets `aireg audit verify` check the stored record against the chain all the same.
pub fn record_state(
    version: i64,
    publication: crate::system::Publication,
    record: &crate::system::SystemRecord,
) -> Value {
    // As the record serialises them, so that a verifier compares like with like.
    let whole = serde_json::to_value(record).unwrap_or_default();
    serde_json::json!({
        "version": version,
        "publication": publication,
        "lifecycle": whole["lifecycle"],
        "next_review": whole["next_review"],
        "fingerprint": record_fingerprint(record),
    })
}

/// JSON with object keys sorted and no insignificant white space, so equal values always give
/// equal text whatever order a map was built in.
pub fn canonical_json(v: &Value) -> String {
    let mut out = String::new();
    write_canonical(v, &mut out);
    out
}

fn write_canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                if let Some(x) = m.get(k) {
                    write_canonical(x, out);
                }
            }
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(x, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 0xf) as usize] as char);
    }
    s
}

/// Why the chain is broken at an event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("event {found} follows event {expected_prev}: events are missing or out of order")]
    Sequence { expected_prev: i64, found: i64 },
    #[error("event {seq} does not link to the event before it (prev_hash differs)")]
    Link { seq: i64 },
    #[error("event {seq} was altered: its content no longer matches its hash")]
    Content { seq: i64 },
    #[error(
        "the chain ends at event {last} but the head records event {head}: events were removed from the end"
    )]
    Truncated { last: i64, head: i64 },
}

impl ChainBreak {
    /// The sequence number of the first event that does not fit.
    pub fn seq(&self) -> i64 {
        match self {
            ChainBreak::Sequence { found, .. } => *found,
            ChainBreak::Link { seq } | ChainBreak::Content { seq } => *seq,
            ChainBreak::Truncated { last, .. } => last + 1,
        }
    }
}

/// Walks a chain in sequence order, one event at a time (so a long log streams).
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    last_seq: i64,
    last_hash: String,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self {
            last_seq: 0,
            last_hash: GENESIS_HASH.to_string(),
        }
    }
}

impl ChainVerifier {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn check(&mut self, e: &AuditEvent) -> Result<(), ChainBreak> {
        if e.seq != self.last_seq + 1 {
            return Err(ChainBreak::Sequence {
                expected_prev: self.last_seq,
                found: e.seq,
            });
        }
        if e.prev_hash != self.last_hash {
            return Err(ChainBreak::Link { seq: e.seq });
        }
        if e.compute_hash() != e.hash {
            return Err(ChainBreak::Content { seq: e.seq });
        }
        self.last_seq = e.seq;
        self.last_hash = e.hash.clone();
        Ok(())
    }

    /// After the last event: compares with the separately kept chain head, which catches
    /// events removed from the end.
    pub fn finish(&self, head: Option<(i64, &str)>) -> Result<i64, ChainBreak> {
        match head {
            Some((seq, hash)) if seq != self.last_seq || hash != self.last_hash => {
                Err(ChainBreak::Truncated {
                    last: self.last_seq,
                    head: seq,
                })
            }
            _ => Ok(self.last_seq),
        }
    }
}

/// A signed statement that the audit chain held `seq` events ending in `hash` at `at`: the
/// chain's anchor outside the database. Anyone holding a copy can check it (the signature with
/// the public key, the chain against `seq` and `hash`), so removing events from the end or
/// re-hashing the chain after an edit no longer goes unnoticed, even by whoever controls the
/// database: they do not hold the key, and cannot recall the copies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Checkpoint {
    /// `aireg-audit-checkpoint/1`.
    pub format: String,
    pub seq: i64,
    pub hash: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// The Ed25519 public key that signed it, hex.
    pub public_key: String,
    /// The Ed25519 signature of [`Checkpoint::message`], hex.
    pub signature: String,
}

/// Why a checkpoint is not to be believed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointError {
    #[error("not a checkpoint of this format ({0:?})")]
    Format(String),
    #[error("the public key is not an Ed25519 key")]
    Key,
    #[error("the signature does not match the checkpoint and its key")]
    Signature,
    #[error("signed by {found}, not by the expected key {expected}")]
    OtherKey { expected: String, found: String },
}

impl Checkpoint {
    pub const FORMAT: &'static str = "aireg-audit-checkpoint/1";

    /// The bytes signed: format, sequence number, hash and time, one per line.
    pub fn message(seq: i64, hash: &str, at: OffsetDateTime) -> String {
        format!("{}\n{seq}\n{hash}\n{}", Self::FORMAT, rfc3339(at))
    }

    /// Signs the head `seq`, `hash` at `at` (to the microsecond, as times are stored).
    pub fn sign(seq: i64, hash: &str, at: OffsetDateTime, key: &AuditKey) -> Checkpoint {
        use ed25519_dalek::Signer;
        let at = crate::clock::truncate(at);
        let signature = key.0.sign(Self::message(seq, hash, at).as_bytes());
        Checkpoint {
            format: Self::FORMAT.into(),
            seq,
            hash: hash.to_string(),
            at,
            public_key: key.public_hex(),
            signature: hex(&signature.to_bytes()),
        }
    }

    /// Checks the signature, and that the key is `expected` when one is given.
    pub fn verify(&self, expected: Option<&str>) -> Result<(), CheckpointError> {
        if self.format != Self::FORMAT {
            return Err(CheckpointError::Format(self.format.clone()));
        }
        if let Some(expected) = expected
            && !expected.eq_ignore_ascii_case(&self.public_key)
        {
            return Err(CheckpointError::OtherKey {
                expected: expected.to_string(),
                found: self.public_key.clone(),
            });
        }
        let key: [u8; 32] = unhex(&self.public_key)
            .and_then(|b| b.try_into().ok())
            .ok_or(CheckpointError::Key)?;
        let key =
            ed25519_dalek::VerifyingKey::from_bytes(&key).map_err(|_| CheckpointError::Key)?;
        let signature: [u8; 64] = unhex(&self.signature)
            .and_then(|b| b.try_into().ok())
            .ok_or(CheckpointError::Signature)?;
        key.verify_strict(
            Self::message(self.seq, &self.hash, self.at).as_bytes(),
            &ed25519_dalek::Signature::from_bytes(&signature),
        )
        .map_err(|_| CheckpointError::Signature)
    }
}

/// The key that signs checkpoints: an Ed25519 signing key, kept outside the database (a file
/// or an environment variable) as the hex of its 32-byte seed.
pub struct AuditKey(ed25519_dalek::SigningKey);

impl AuditKey {
    /// A key from the 32 bytes of a seed (from a random source).
    pub fn from_seed(seed: [u8; 32]) -> AuditKey {
        AuditKey(ed25519_dalek::SigningKey::from_bytes(&seed))
    }

    /// A key from the hex of its seed (surrounding whitespace ignored).
    pub fn from_hex(s: &str) -> Option<AuditKey> {
        let seed: [u8; 32] = unhex(s.trim())?.try_into().ok()?;
        Some(AuditKey::from_seed(seed))
    }

    /// The seed as hex, to keep.
    pub fn seed_hex(&self) -> String {
        hex(&self.0.to_bytes())
    }

    /// The public key as hex, to publish.
    pub fn public_hex(&self) -> String {
        hex(self.0.verifying_key().as_bytes())
    }
}

/// Bytes from hex, or `None` when it is not hex of whole bytes.
pub fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chain(n: usize) -> Vec<AuditEvent> {
        let mut out: Vec<AuditEvent> = Vec::new();
        for i in 0..n {
            let prev = out.last().map(|e| (e.seq, e.hash.as_str()));
            let ev = NewAuditEvent::new("system.update", "system", i)
                .before(serde_json::json!({"b": i, "a": [1, 2]}))
                .after(serde_json::json!({"name": format!("v{i}")}))
                .seal(prev, OffsetDateTime::UNIX_EPOCH, None, "cli:test");
            out.push(ev);
        }
        out
    }

    #[test]
    fn a_checkpoint_is_signed_and_any_change_to_it_is_caught() {
        let key = AuditKey::from_seed([7; 32]);
        let again = AuditKey::from_hex(&key.seed_hex()).unwrap();
        assert_eq!(again.public_hex(), key.public_hex());
        let at = time::macros::datetime!(2026-12-04 12:00:00.5 UTC);
        let cp = Checkpoint::sign(216, &"ab".repeat(32), at, &key);
        assert_eq!(cp.at, at);
        assert_eq!(cp.verify(None), Ok(()));
        assert_eq!(cp.verify(Some(&key.public_hex().to_uppercase())), Ok(()));
        let json = serde_json::to_string(&cp).unwrap();
        let back: Checkpoint = serde_json::from_str(&json).unwrap();
        assert_eq!(back.verify(None), Ok(()));

        let mut moved = cp.clone();
        moved.seq = 200;
        assert_eq!(moved.verify(None), Err(CheckpointError::Signature));
        let mut rehashed = cp.clone();
        rehashed.hash = "cd".repeat(32);
        assert_eq!(rehashed.verify(None), Err(CheckpointError::Signature));
        // Signed again by another key: fine on its own, refused when the key is pinned.
        let other = AuditKey::from_seed([8; 32]);
        let forged = Checkpoint::sign(200, &"cd".repeat(32), at, &other);
        assert_eq!(forged.verify(None), Ok(()));
        assert!(matches!(
            forged.verify(Some(&key.public_hex())),
            Err(CheckpointError::OtherKey { .. })
        ));
        let mut garbled = cp.clone();
        garbled.public_key = "zz".into();
        assert_eq!(garbled.verify(None), Err(CheckpointError::Key));
        assert_eq!(unhex("0aFf"), Some(vec![10, 255]));
        assert_eq!(unhex("abc"), None);
    }

    fn verify(events: &[AuditEvent]) -> Result<i64, ChainBreak> {
        let mut v = ChainVerifier::new();
        for e in events {
            v.check(e)?;
        }
        let head = events.last().map(|e| (e.seq, e.hash.as_str()));
        v.finish(head)
    }

    #[test]
    fn canonical_json_sorts_keys() {
        let v: Value = serde_json::from_str(r#"{"b":1,"a":{"d":[true,null],"c":"ä"}}"#).unwrap();
        assert_eq!(
            canonical_json(&v),
            r#"{"a":{"c":"ä","d":[true,null]},"b":1}"#
        );
    }

    #[test]
    fn an_intact_chain_verifies() {
        assert_eq!(verify(&chain(5)), Ok(5));
        assert_eq!(verify(&[]), Ok(0));
    }

    #[test]
    fn removal_at_the_end_is_caught_by_the_head() {
        let c = chain(4);
        let mut v = ChainVerifier::new();
        for e in &c[..3] {
            v.check(e).unwrap();
        }
        let head = (c[3].seq, c[3].hash.as_str());
        assert_eq!(v.finish(Some(head)).unwrap_err().seq(), 4);
    }

    proptest! {
        /// Altering any field of any single event is caught at that event.
        #[test]
        fn any_alteration_is_detected(n in 1usize..12, pick in 0usize..12, field in 0usize..6) {
            let mut c = chain(n);
            let i = pick % n;
            match field {
                0 => c[i].actor_name.push('x'),
                1 => c[i].action = "system.delete".into(),
                2 => c[i].after = Some("{}".into()),
                3 => c[i].at += time::Duration::seconds(1),
                4 => c[i].entity_id.push('1'),
                _ => c[i].before = None,
            }
            let err = verify(&c).unwrap_err();
            prop_assert_eq!(err.seq(), c[i].seq);
        }

        /// Removing any event but the last, or swapping two, is caught.
        #[test]
        fn removal_and_reordering_are_detected(n in 2usize..12, pick in 0usize..12, other in 0usize..12) {
            let c = chain(n);
            let i = pick % (n - 1);
            let mut removed = c.clone();
            removed.remove(i);
            prop_assert!(verify(&removed).is_err());

            let j = other % n;
            if i != j {
                let mut swapped = c.clone();
                swapped.swap(i, j);
                prop_assert!(verify(&swapped).is_err());
            }
        }

        /// Re-hashing an altered event does not help: the next event no longer links to it.
        #[test]
        fn rehashing_an_altered_event_breaks_the_link(n in 2usize..10, pick in 0usize..10) {
            let mut c = chain(n);
            let i = pick % (n - 1);
            c[i].actor_name = "someone else".into();
            c[i].hash = c[i].compute_hash();
            let err = verify(&c).unwrap_err();
            prop_assert_eq!(err, ChainBreak::Link { seq: c[i + 1].seq });
        }
    }
}
