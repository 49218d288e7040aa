DELETE FROM sso_pending WHERE expires_at < $1
