INSERT INTO account_link (id_hash, purpose, email, org_id, role, created_by, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
