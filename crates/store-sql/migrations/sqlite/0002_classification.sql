-- AI Act classification runs (immutable) and the obligations the organisation tracks.
-- Keep in step with ../postgres/0002_classification.sql.

CREATE TABLE classification_run (
    id              TEXT NOT NULL PRIMARY KEY,
    system_id       TEXT NOT NULL REFERENCES ai_system (id),
    org_id          TEXT NOT NULL REFERENCES organisation (id),
    pack_version    TEXT NOT NULL,
    answers         JSONB NOT NULL,
    justifications  JSONB NOT NULL,
    facts           JSONB NOT NULL,
    outcome         JSONB NOT NULL,
    category        TEXT NOT NULL,
    source          TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    created_by      TEXT REFERENCES user_account (id),
    created_by_name TEXT NOT NULL
);
CREATE INDEX classification_run_system ON classification_run (system_id, created_at);

-- One row per obligation per subject: a record (subject = its id) or the organisation itself
-- (subject = 'organisation', system_id NULL). applies_from is an ISO date, YYYY-MM-DD, which
-- sorts and compares the same as a date on both engines.
CREATE TABLE obligation_item (
    id            TEXT NOT NULL PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES organisation (id),
    system_id     TEXT REFERENCES ai_system (id),
    subject       TEXT NOT NULL,
    obligation_id TEXT NOT NULL,
    article       TEXT NOT NULL,
    title         JSONB NOT NULL,
    applies_from  TEXT NOT NULL,
    date_status   TEXT NOT NULL,
    status        TEXT NOT NULL,
    reason        TEXT,
    responsible   TEXT REFERENCES user_account (id),
    evidence      JSONB NOT NULL,
    active        BOOLEAN NOT NULL,
    version       BIGINT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (org_id, subject, obligation_id)
);
CREATE INDEX obligation_item_org ON obligation_item (org_id, applies_from);
CREATE INDEX obligation_item_system ON obligation_item (system_id);
