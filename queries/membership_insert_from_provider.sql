INSERT INTO membership (user_id, org_id, role, created_at, source) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (user_id, org_id, role) DO NOTHING
