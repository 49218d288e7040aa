INSERT INTO ai_system_version (system_id, version, change_kind, publication, record, changed_at, changed_by, changed_by_name)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
