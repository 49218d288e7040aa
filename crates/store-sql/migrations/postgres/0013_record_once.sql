-- A record's content is kept once per version: its current content is its newest version's
-- (ai_system_version at ai_system.version), no longer a second copy in ai_system.record. A
-- record whose current version was never kept (none should exist: every save writes one)
-- gets it from its row first, so nothing is lost. The old search text columns, empty since
-- 0010, go too. Keep in step with ../sqlite/0013_record_once.sql.
INSERT INTO ai_system_version (system_id, version, change_kind, publication, record, changed_at,
    changed_by, changed_by_name)
SELECT s.id, s.version, 'edited', s.publication, s.record, s.updated_at, NULL, 'aireg'
FROM ai_system s
WHERE NOT EXISTS (SELECT 1 FROM ai_system_version v WHERE v.system_id = s.id AND v.version = s.version);

ALTER TABLE ai_system DROP COLUMN record, DROP COLUMN search_text, DROP COLUMN public_search_text;
