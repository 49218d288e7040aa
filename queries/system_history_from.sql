SELECT system_id, version, change_kind, publication, record, changed_at, changed_by, changed_by_name
FROM ai_system_version WHERE system_id = $1 AND version >= $2 ORDER BY version LIMIT $3
