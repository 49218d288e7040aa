INSERT INTO system_review (id, system_id, org_id, reviewed_at, reviewer, reviewer_name, findings, next_review) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
