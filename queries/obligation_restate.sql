UPDATE obligation_item
SET article = $2, title = $3, applies_from = $4, date_status = $5, active = TRUE, version = version + 1, updated_at = $6
WHERE id = $1
