INSERT INTO job (id, kind, payload, dedup_key, run_at, attempts, created_at) VALUES ($1, $2, $3, $4, $5, 0, $6)
ON CONFLICT (dedup_key) DO NOTHING
