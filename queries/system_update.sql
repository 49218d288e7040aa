UPDATE ai_system
SET version = version + 1, lifecycle = $4, sort_name = $5, next_review = $6, updated_at = $7
WHERE id = $1 AND org_id = $2 AND version = $3
