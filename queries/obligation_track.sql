UPDATE obligation_item
SET status = $3, reason = $4, responsible = $5, evidence = $6, version = version + 1, updated_at = $7
WHERE id = $1 AND version = $2
