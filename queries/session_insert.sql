INSERT INTO user_session (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, user_agent, signed_in_with, awaiting_code)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
