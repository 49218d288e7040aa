UPDATE job SET locked_until = NULL, last_error = $2, run_at = COALESCE($3, run_at), done_at = $4 WHERE id = $1
