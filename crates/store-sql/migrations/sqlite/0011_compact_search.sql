-- The search index in integers: each term once in the vocabulary with a number, each record
-- once as a document with a number, and the postings as pairs of numbers. The text postings
-- (term and record id in every row, twice indexed) took ten times the space and most of a
-- bulk import's time. Keep in step with ../postgres/0011_compact_search.sql. The index is
-- rebuilt at start (version 0).
DROP TABLE search_term;
DROP TABLE search_word;

-- Every term ever indexed. Never pruned (a stale word finds nothing), so a term's number
-- stays the same for as long as the database lives.
CREATE TABLE search_word (
    id   INTEGER NOT NULL PRIMARY KEY,
    term TEXT NOT NULL UNIQUE
);

-- The records in the index; words: the numbers of its terms, comma-separated, so that a
-- save removes exactly its postings.
CREATE TABLE search_doc (
    doc       INTEGER NOT NULL PRIMARY KEY,
    system_id TEXT NOT NULL UNIQUE REFERENCES ai_system (id),
    words     TEXT NOT NULL
);

-- weight: the term's best field in the whole record (staff search); public_weight: in what
-- the public sees of it, 0 when the term is only in internal fields.
CREATE TABLE search_posting (
    word          INTEGER NOT NULL,
    doc           INTEGER NOT NULL,
    weight        INTEGER NOT NULL,
    public_weight INTEGER NOT NULL,
    PRIMARY KEY (word, doc)
) WITHOUT ROWID;

DELETE FROM search_facet;
UPDATE search_index SET version = 0;
