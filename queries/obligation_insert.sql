INSERT INTO obligation_item (id, org_id, system_id, subject, obligation_id, article, title, applies_from, date_status, status, reason, responsible, evidence, active, version, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'todo', NULL, NULL, $10, TRUE, 1, $11, $11)
