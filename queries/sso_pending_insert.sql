INSERT INTO sso_pending (state_hash, browser_hash, org_id, nonce, pkce_verifier, next_path, lang, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
