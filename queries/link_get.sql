SELECT purpose, email, org_id, role, created_by, created_at, expires_at, used_at FROM account_link
WHERE id_hash = $1
