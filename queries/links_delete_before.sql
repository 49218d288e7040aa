DELETE FROM account_link WHERE expires_at < $1
