UPDATE ai_system SET version = version + 1, lifecycle = $4, record = $5, updated_at = $6, next_review = $7
WHERE id = $1 AND org_id = $2 AND version = $3
