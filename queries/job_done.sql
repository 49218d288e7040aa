UPDATE job SET done_at = $2, locked_until = NULL, last_error = NULL WHERE id = $1
