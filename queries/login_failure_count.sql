SELECT COUNT(*) FROM login_failure WHERE throttle_key = $1 AND failed_at > $2
