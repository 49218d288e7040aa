UPDATE feedback SET status = $3, response = $4, responded_by = $5, responded_by_name = $6, responded_at = $7, version = version + 1
WHERE id = $1 AND version = $2
