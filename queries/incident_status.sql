UPDATE incident SET status = $3, updated_at = $4, version = version + 1 WHERE id = $1 AND version = $2
