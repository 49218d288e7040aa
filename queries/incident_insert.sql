INSERT INTO incident (id, system_id, org_id, kind, title, description, status, serious, aware_at, report_deadline, reported_by, reported_by_name, created_at, updated_at, version)
VALUES ($1, $2, $3, $4, $5, $6, 'new', $7, $8, $9, $10, $11, $12, $12, 1)
