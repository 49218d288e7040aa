-- The governance workflow: approvals, assessments, reviews, incidents, residents' feedback,
-- the job queue for e-mail, and the policy pack versions seen. Keep in step with
-- ../sqlite/0003_governance.sql.

CREATE TABLE approval_request (
    id                TEXT NOT NULL PRIMARY KEY,
    system_id         TEXT NOT NULL REFERENCES ai_system (id),
    org_id            TEXT NOT NULL REFERENCES organisation (id),
    body              TEXT NOT NULL,
    body_name         JSONB NOT NULL,
    policy_id         TEXT NOT NULL,
    policy_version    TEXT NOT NULL,
    target            TEXT NOT NULL,
    reason            JSONB NOT NULL,
    own_decision      BOOLEAN NOT NULL,
    status            TEXT NOT NULL,
    requested_by      TEXT REFERENCES user_account (id),
    requested_by_name TEXT NOT NULL,
    requested_at      TIMESTAMPTZ NOT NULL,
    note              TEXT,
    decided_by        TEXT REFERENCES user_account (id),
    decided_by_name   TEXT,
    decided_at        TIMESTAMPTZ,
    comment           TEXT,
    minutes_ref       TEXT,
    version           BIGINT NOT NULL
);
CREATE INDEX approval_request_system ON approval_request (system_id, requested_at);
CREATE INDEX approval_request_org ON approval_request (org_id, status);

CREATE TABLE assessment (
    id               TEXT NOT NULL PRIMARY KEY,
    system_id        TEXT NOT NULL REFERENCES ai_system (id),
    org_id           TEXT NOT NULL REFERENCES organisation (id),
    template_id      TEXT NOT NULL,
    template_version TEXT NOT NULL,
    answers          JSONB NOT NULL,
    status           TEXT NOT NULL,
    sign_off_body    TEXT NOT NULL,
    version          BIGINT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    updated_by       TEXT REFERENCES user_account (id),
    updated_by_name  TEXT NOT NULL,
    signed_at        TIMESTAMPTZ,
    signed_by        TEXT REFERENCES user_account (id),
    signed_by_name   TEXT,
    UNIQUE (system_id, template_id)
);

-- Every version of an assessment, never updated.
CREATE TABLE assessment_version (
    assessment_id   TEXT NOT NULL REFERENCES assessment (id),
    version         BIGINT NOT NULL,
    status          TEXT NOT NULL,
    answers         JSONB NOT NULL,
    changed_at      TIMESTAMPTZ NOT NULL,
    changed_by      TEXT REFERENCES user_account (id),
    changed_by_name TEXT NOT NULL,
    PRIMARY KEY (assessment_id, version)
);

CREATE TABLE assessment_comment (
    id            TEXT NOT NULL PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessment (id),
    question      TEXT,
    author        TEXT REFERENCES user_account (id),
    author_name   TEXT NOT NULL,
    at            TIMESTAMPTZ NOT NULL,
    body          TEXT NOT NULL
);
CREATE INDEX assessment_comment_assessment ON assessment_comment (assessment_id, at);

CREATE TABLE system_review (
    id            TEXT NOT NULL PRIMARY KEY,
    system_id     TEXT NOT NULL REFERENCES ai_system (id),
    org_id        TEXT NOT NULL REFERENCES organisation (id),
    reviewed_at   TIMESTAMPTZ NOT NULL,
    reviewer      TEXT REFERENCES user_account (id),
    reviewer_name TEXT NOT NULL,
    findings      TEXT NOT NULL,
    next_review   TEXT NOT NULL
);
CREATE INDEX system_review_system ON system_review (system_id, reviewed_at);

CREATE TABLE policy_review (
    id             TEXT NOT NULL PRIMARY KEY,
    policy_id      TEXT NOT NULL,
    policy_version TEXT NOT NULL,
    org_id         TEXT NOT NULL REFERENCES organisation (id),
    reviewed_at    TIMESTAMPTZ NOT NULL,
    reviewer       TEXT REFERENCES user_account (id),
    reviewer_name  TEXT NOT NULL,
    findings       TEXT NOT NULL,
    next_review    TEXT NOT NULL
);
CREATE INDEX policy_review_policy ON policy_review (policy_id, reviewed_at);

CREATE TABLE incident (
    id               TEXT NOT NULL PRIMARY KEY,
    system_id        TEXT NOT NULL REFERENCES ai_system (id),
    org_id           TEXT NOT NULL REFERENCES organisation (id),
    kind             TEXT NOT NULL,
    title            TEXT NOT NULL,
    description      TEXT NOT NULL,
    status           TEXT NOT NULL,
    serious          TEXT,
    aware_at         TIMESTAMPTZ NOT NULL,
    report_deadline  TIMESTAMPTZ,
    reported_by      TEXT REFERENCES user_account (id),
    reported_by_name TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    version          BIGINT NOT NULL
);
CREATE INDEX incident_org ON incident (org_id, status);
CREATE INDEX incident_system ON incident (system_id);

CREATE TABLE incident_attachment (
    id           TEXT NOT NULL PRIMARY KEY,
    incident_id  TEXT NOT NULL REFERENCES incident (id),
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    data         BYTEA NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX incident_attachment_incident ON incident_attachment (incident_id);

CREATE TABLE incident_note (
    id          TEXT NOT NULL PRIMARY KEY,
    incident_id TEXT NOT NULL REFERENCES incident (id),
    author      TEXT REFERENCES user_account (id),
    author_name TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    status      TEXT,
    body        TEXT NOT NULL
);
CREATE INDEX incident_note_incident ON incident_note (incident_id, at);

CREATE TABLE incident_notification (
    id          TEXT NOT NULL PRIMARY KEY,
    incident_id TEXT NOT NULL REFERENCES incident (id),
    recipient   TEXT NOT NULL,
    channel     TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    note        TEXT
);
CREATE INDEX incident_notification_incident ON incident_notification (incident_id, at);

CREATE TABLE feedback (
    id                TEXT NOT NULL PRIMARY KEY,
    system_id         TEXT NOT NULL REFERENCES ai_system (id),
    org_id            TEXT NOT NULL REFERENCES organisation (id),
    kind              TEXT NOT NULL,
    message           TEXT NOT NULL,
    name              TEXT,
    email             TEXT,
    lang              TEXT NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    response_due      TEXT NOT NULL,
    status            TEXT NOT NULL,
    response          TEXT,
    responded_by      TEXT REFERENCES user_account (id),
    responded_by_name TEXT,
    responded_at      TIMESTAMPTZ,
    version           BIGINT NOT NULL
);
CREATE INDEX feedback_org ON feedback (org_id, status);

-- The job queue. A job is enqueued in the same transaction as the change that asks for it;
-- dedup_key makes "one reminder per due date" hold across retries and restarts (done jobs stay).
CREATE TABLE job (
    id           TEXT NOT NULL PRIMARY KEY,
    kind         TEXT NOT NULL,
    payload      JSONB NOT NULL,
    dedup_key    TEXT UNIQUE,
    run_at       TIMESTAMPTZ NOT NULL,
    attempts     BIGINT NOT NULL,
    locked_until TIMESTAMPTZ,
    last_error   TEXT,
    done_at      TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX job_due ON job (done_at, run_at);

-- The version of each policy pack this installation has seen, so a new version is noticed
-- (and audited) once.
CREATE TABLE policy_pack_seen (
    policy_id TEXT NOT NULL PRIMARY KEY,
    version   TEXT NOT NULL,
    seen_at   TIMESTAMPTZ NOT NULL
);
