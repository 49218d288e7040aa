DELETE FROM user_session WHERE expires_at <= $1
