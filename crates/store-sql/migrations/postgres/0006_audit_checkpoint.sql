-- Signed checkpoints of the audit chain: each says the chain held `seq` events ending in `hash`
-- at `at`, signed with an Ed25519 key kept outside the database. Published in the public
-- register so that residents and auditors keep copies; a copy shows truncation or rewriting
-- that the chain alone cannot (whoever edits the database can re-hash it, not sign).
CREATE TABLE audit_checkpoint (
    seq        BIGINT NOT NULL PRIMARY KEY,
    hash       TEXT NOT NULL,
    at         TIMESTAMPTZ NOT NULL,
    public_key TEXT NOT NULL,
    signature  TEXT NOT NULL
);
