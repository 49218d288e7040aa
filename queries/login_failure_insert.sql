INSERT INTO login_failure (throttle_key, failed_at) VALUES ($1, $2)
