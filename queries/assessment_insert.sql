INSERT INTO assessment (id, system_id, org_id, template_id, template_version, answers, status, sign_off_body, version, created_at, updated_at, updated_by, updated_by_name)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9, $10, $11)
