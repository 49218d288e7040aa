UPDATE job SET locked_until = $2, attempts = attempts + 1
WHERE id = (SELECT id FROM job WHERE done_at IS NULL AND run_at <= $1 AND (locked_until IS NULL OR locked_until <= $1) ORDER BY run_at, id LIMIT 1)
RETURNING id, kind, payload, dedup_key, attempts, run_at, last_error, done_at
