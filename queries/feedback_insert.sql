INSERT INTO feedback (id, system_id, org_id, kind, message, name, email, lang, created_at, response_due, status, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', 1)
