SELECT id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, user_agent, signed_in_with, awaiting_code
FROM user_session
WHERE user_id = $1 AND expires_at > $2 AND NOT awaiting_code
ORDER BY last_seen_at DESC, id_hash
LIMIT 100
