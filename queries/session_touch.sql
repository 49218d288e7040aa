UPDATE user_session SET last_seen_at = $2, expires_at = $3 WHERE id_hash = $1
