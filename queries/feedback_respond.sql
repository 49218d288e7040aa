UPDATE feedback SET status = $3, response = $4, responded_by = $5, responded_by_name = $6, responded_at = CASE WHEN $3 <> 'open' THEN COALESCE(responded_at, $7) ELSE responded_at END, version = version + 1
WHERE id = $1 AND version = $2
