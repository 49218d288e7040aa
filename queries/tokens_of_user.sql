SELECT id, user_id, name, prefix, created_at, last_used_at, revoked_at, org_id, scope, expires_at FROM api_token
WHERE user_id = $1 ORDER BY created_at DESC, id
