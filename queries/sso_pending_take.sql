DELETE FROM sso_pending WHERE state_hash = $1
RETURNING state_hash, browser_hash, org_id, nonce, pkce_verifier, next_path, lang, expires_at
