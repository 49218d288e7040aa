-- The register: organisations, people, sessions, tokens, products, AI system records and their
-- versions, and the audit chain. Keep in step with ../sqlite/0001_register.sql: the schema
-- parity test compares the two. Primary keys say NOT NULL because SQLite, unlike the SQL
-- standard, otherwise lets a non-integer primary key hold NULL.

CREATE TABLE organisation (
    id          TEXT NOT NULL PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    parent_id   TEXT REFERENCES organisation (id),
    name        JSONB NOT NULL,
    country     TEXT NOT NULL,
    languages   JSONB NOT NULL,
    business_id TEXT,
    website     TEXT,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX organisation_parent ON organisation (parent_id);

CREATE TABLE user_account (
    id             TEXT NOT NULL PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    language       TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    platform_admin BOOLEAN NOT NULL,
    disabled       BOOLEAN NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE membership (
    user_id    TEXT NOT NULL REFERENCES user_account (id),
    org_id     TEXT NOT NULL REFERENCES organisation (id),
    role       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, org_id, role)
);
CREATE INDEX membership_org ON membership (org_id);

CREATE TABLE user_session (
    id_hash      TEXT NOT NULL PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES user_account (id),
    csrf_token   TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX user_session_expires ON user_session (expires_at);

CREATE TABLE login_failure (
    throttle_key TEXT NOT NULL,
    failed_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failure_key ON login_failure (throttle_key, failed_at);

CREATE TABLE api_token (
    id           TEXT NOT NULL PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES user_account (id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_token_user ON api_token (user_id);

CREATE TABLE product (
    id          TEXT NOT NULL PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    vendor      TEXT NOT NULL,
    url         TEXT,
    description JSONB NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

-- The current version of each record. `record` holds the whole content (the domain's
-- SystemRecord as JSON); the other columns are what lists filter and sort on.
CREATE TABLE ai_system (
    id                 TEXT NOT NULL PRIMARY KEY,
    org_id             TEXT NOT NULL REFERENCES organisation (id),
    version            BIGINT NOT NULL,
    publication        TEXT NOT NULL,
    lifecycle          TEXT NOT NULL,
    record             JSONB NOT NULL,
    sort_name          TEXT NOT NULL,
    search_text        TEXT NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    first_published_at TIMESTAMPTZ
);
CREATE INDEX ai_system_org ON ai_system (org_id, sort_name);
CREATE INDEX ai_system_publication ON ai_system (publication, sort_name);

-- Every version ever saved, never updated.
CREATE TABLE ai_system_version (
    system_id       TEXT NOT NULL REFERENCES ai_system (id),
    version         BIGINT NOT NULL,
    change_kind     TEXT NOT NULL,
    publication     TEXT NOT NULL,
    record          JSONB NOT NULL,
    changed_at      TIMESTAMPTZ NOT NULL,
    changed_by      TEXT REFERENCES user_account (id),
    changed_by_name TEXT NOT NULL,
    PRIMARY KEY (system_id, version)
);

-- Append-only, hash-chained. before_state/after_state are canonical JSON kept as text so the
-- hashed bytes are exactly what is stored (JSONB would re-order and re-space them).
CREATE TABLE audit_event (
    seq          BIGINT NOT NULL PRIMARY KEY,
    at           TIMESTAMPTZ NOT NULL,
    actor_id     TEXT,
    actor_name   TEXT NOT NULL,
    action       TEXT NOT NULL,
    entity_type  TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    org_id       TEXT,
    before_state TEXT,
    after_state  TEXT,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_event_entity ON audit_event (entity_type, entity_id);

-- The chain head, one row, updated in the same transaction as each append. Writers lock it
-- (SELECT … FOR UPDATE), which serialises appends across app instances; and verification
-- compares it with the last event, which catches events removed from the end.
CREATE TABLE audit_head (
    id   INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
