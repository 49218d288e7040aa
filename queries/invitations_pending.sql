SELECT purpose, email, org_id, role, created_by, created_at, expires_at, used_at FROM account_link
WHERE purpose = 'invitation' AND org_id = $1 AND used_at IS NULL AND expires_at > $2
ORDER BY created_at DESC, id_hash
LIMIT 200
