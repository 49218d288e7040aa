-- A record's content is kept once per version: its current content is its newest version's
-- (ai_system_version at ai_system.version), no longer a second copy in ai_system.record. The
-- two copies were 4.1 of the 6.6 KB a record took at 100,000 records. A record whose current
-- version was never kept (none should exist: every save writes one) gets it from its row
-- first, so nothing is lost. The old search text columns, empty since 0010, go too.
-- search_facet is keyed by (system_id, facet) alone: without a rowid it is one tree, not a
-- table and an index of the same rows. Keep in step with ../postgres/0013_record_once.sql.
-- The file keeps its size until VACUUM; new pages are taken from the freed ones.
INSERT INTO ai_system_version (system_id, version, change_kind, publication, record, changed_at,
    changed_by, changed_by_name)
SELECT s.id, s.version, 'edited', s.publication, s.record, s.updated_at, NULL, 'aireg'
FROM ai_system s
WHERE NOT EXISTS (SELECT 1 FROM ai_system_version v WHERE v.system_id = s.id AND v.version = s.version);

ALTER TABLE ai_system DROP COLUMN record;
ALTER TABLE ai_system DROP COLUMN search_text;
ALTER TABLE ai_system DROP COLUMN public_search_text;

CREATE TABLE search_facet_by_key (
    system_id TEXT NOT NULL REFERENCES ai_system (id),
    facet     TEXT NOT NULL,
    value     TEXT NOT NULL,
    public    BOOLEAN NOT NULL,
    PRIMARY KEY (system_id, facet)
) WITHOUT ROWID;
INSERT INTO search_facet_by_key (system_id, facet, value, public)
SELECT system_id, facet, value, public FROM search_facet;
DROP TABLE search_facet;
ALTER TABLE search_facet_by_key RENAME TO search_facet;
CREATE INDEX search_facet_value ON search_facet (facet, value);
