UPDATE approval_request
SET status = $3, decided_by = $4, decided_by_name = $5, decided_at = $6, comment = $7, minutes_ref = $8, version = version + 1
WHERE id = $1 AND version = $2 AND status = 'open'
