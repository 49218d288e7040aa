UPDATE ai_system
SET version = version + 1, lifecycle = $4, record = $5, sort_name = $6, search_text = $7, public_search_text = $8, updated_at = $9
WHERE id = $1 AND org_id = $2 AND version = $3
