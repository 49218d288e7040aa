SELECT system_id, version, change_kind, publication, record, changed_at, changed_by, changed_by_name
FROM ai_system_version WHERE system_id = $1 ORDER BY version DESC LIMIT $2
