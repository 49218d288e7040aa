SELECT id, org_id, version, publication, record, created_at, updated_at, first_published_at FROM ai_system WHERE id > $1 ORDER BY id LIMIT $2
