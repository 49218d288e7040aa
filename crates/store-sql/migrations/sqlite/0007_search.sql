-- The search index: each record's terms (Snowball stems of its texts, product and vendor names
-- as written) and its facet values. Derived from the records by the application (the analyser
-- is crates/domain/src/search.rs) in the transaction that saves them, so every instance on one
-- database finds a record as soon as it is saved. Rebuilt in full when search_index.version is
-- not the analyser's version. Keep in step with ../postgres/0007_search.sql.

-- weight: the term's best field in the whole record (staff search); public_weight: in what
-- the public sees of it, 0 when the term is only in internal fields.
CREATE TABLE search_term (
    term          TEXT NOT NULL,
    system_id     TEXT NOT NULL REFERENCES ai_system (id),
    weight        BIGINT NOT NULL,
    public_weight BIGINT NOT NULL,
    PRIMARY KEY (term, system_id)
);
CREATE INDEX search_term_system ON search_term (system_id);

-- Every term ever indexed, for matching a query word's prefixes and compound parts against
-- a short list rather than the postings. Never pruned by saves (a stale word finds nothing);
-- a full rebuild starts it afresh.
CREATE TABLE search_word (
    term TEXT NOT NULL PRIMARY KEY
);

-- What a record can be narrowed by besides organisation and life-cycle state (columns of
-- ai_system): its AI Act category, personal data, decisions on persons. public: whether the
-- public view of the record shows the value.
CREATE TABLE search_facet (
    system_id TEXT NOT NULL REFERENCES ai_system (id),
    facet     TEXT NOT NULL,
    value     TEXT NOT NULL,
    public    BOOLEAN NOT NULL,
    PRIMARY KEY (system_id, facet)
);
CREATE INDEX search_facet_value ON search_facet (facet, value);

-- The analyser version the index was built with; 0: never built.
CREATE TABLE search_index (
    id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO search_index (id, version) VALUES (1, 0);

-- The public change feed reads the newest published records.
CREATE INDEX ai_system_updated ON ai_system (publication, updated_at);
