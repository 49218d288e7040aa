-- The record's content is its current version's.
SELECT id, org_id, version, publication, (SELECT v.record FROM ai_system_version v WHERE v.system_id = ai_system.id AND v.version = ai_system.version) AS record, created_at, updated_at, first_published_at
FROM ai_system WHERE id = $1
