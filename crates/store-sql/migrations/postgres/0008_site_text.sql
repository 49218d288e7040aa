-- The site's own pages whose text the platform admin writes (accessibility statement, privacy
-- notice), one row per page and language. A page without a row shows the built-in text.
CREATE TABLE site_text (
    key             TEXT NOT NULL,
    lang            TEXT NOT NULL,
    body            TEXT NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    updated_by_name TEXT NOT NULL,
    PRIMARY KEY (key, lang)
);
