UPDATE assessment
SET status = 'signed', version = version + 1, signed_at = $3, signed_by = $4, signed_by_name = $5, updated_at = $3
WHERE id = $1 AND version = $2 AND status = 'completed'
