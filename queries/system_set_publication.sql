UPDATE ai_system
SET version = version + 1, publication = $4, updated_at = $5, first_published_at = COALESCE(first_published_at, $6)
WHERE id = $1 AND org_id = $2 AND version = $3
