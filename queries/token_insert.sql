INSERT INTO api_token (id, user_id, name, token_hash, prefix, created_at, org_id, scope, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
