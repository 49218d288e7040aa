DELETE FROM login_failure WHERE failed_at < $1
