SELECT id, kind, payload, dedup_key, attempts, run_at, last_error, done_at FROM job WHERE COALESCE(dedup_key, '') LIKE $1 ESCAPE '\' ORDER BY created_at, id
