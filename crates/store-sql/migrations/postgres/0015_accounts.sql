-- Accounts without the command line, and sign-in through each organisation's own identity
-- provider.

-- An API token belongs to one organisation, has a scope and an expiry. Tokens made before
-- have none of these: they keep working as they did (all their owner's organisations,
-- everything the owner may do) until revoked, and the token lists say so.
ALTER TABLE api_token ADD COLUMN org_id TEXT REFERENCES organisation (id);
ALTER TABLE api_token ADD COLUMN scope TEXT NOT NULL DEFAULT 'admin';
ALTER TABLE api_token ADD COLUMN expires_at TIMESTAMPTZ;

-- What a person sees of their sessions, to tell them apart: the browser that signed in and
-- how (password or an identity provider).
ALTER TABLE user_session ADD COLUMN user_agent TEXT;
ALTER TABLE user_session ADD COLUMN signed_in_with TEXT;
-- A session that has passed the password but not yet the authenticator app's code: it signs
-- no one in until the code is given.
ALTER TABLE user_session ADD COLUMN awaiting_code BOOLEAN NOT NULL DEFAULT FALSE;

-- A second factor for signing in with a password: the authenticator app's secret (RFC 6238
-- TOTP, base32), kept once the person has shown a code made with it.
ALTER TABLE user_account ADD COLUMN totp_secret TEXT;
-- Organisations that require one of their people who sign in with a password.
CREATE TABLE second_factor_required (
    org_id TEXT NOT NULL PRIMARY KEY REFERENCES organisation (id),
    since  TIMESTAMPTZ NOT NULL
);

-- Single-use links sent by e-mail: invitations to hold a role in an organisation, and password
-- resets. Only the hash of the link's secret is kept.
CREATE TABLE account_link (
    id_hash    TEXT NOT NULL PRIMARY KEY,
    purpose    TEXT NOT NULL,
    email      TEXT NOT NULL,
    org_id     TEXT REFERENCES organisation (id),
    role       TEXT,
    created_by TEXT REFERENCES user_account (id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX account_link_email ON account_link (email, purpose);
CREATE INDEX account_link_expires ON account_link (expires_at);

-- A role can come from the organisation's identity provider: such roles follow the provider's
-- claims at every sign-in; roles given in aireg ('local') are left alone.
ALTER TABLE membership ADD COLUMN source TEXT NOT NULL DEFAULT 'local';

-- An organisation's OpenID Connect provider: who it is, aireg's client there, which e-mail
-- domains it speaks for, and which claim values give which roles (JSON).
CREATE TABLE identity_provider (
    org_id          TEXT NOT NULL PRIMARY KEY REFERENCES organisation (id),
    issuer          TEXT NOT NULL,
    client_id       TEXT NOT NULL,
    client_secret   TEXT NOT NULL,
    email_domains   TEXT NOT NULL,
    role_claim      TEXT NOT NULL,
    role_map        TEXT NOT NULL,
    local_passwords BOOLEAN NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- Who signed in through a provider: the provider's subject identifier is the identity (an
-- e-mail address can be reassigned).
CREATE TABLE external_identity (
    issuer     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES user_account (id),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX external_identity_user ON external_identity (user_id);

-- A sign-in sent to an identity provider and not yet back: found by the hash of its `state`,
-- taken once, bound to the browser that started it (the hash of a cookie's value), with the
-- nonce and PKCE verifier the answer is checked with. Kept for minutes.
CREATE TABLE sso_pending (
    state_hash    TEXT NOT NULL PRIMARY KEY,
    browser_hash  TEXT NOT NULL,
    org_id        TEXT NOT NULL REFERENCES organisation (id),
    nonce         TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    next_path     TEXT NOT NULL,
    lang          TEXT NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX sso_pending_expires ON sso_pending (expires_at);
