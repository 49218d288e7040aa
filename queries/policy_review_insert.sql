INSERT INTO policy_review (id, policy_id, policy_version, org_id, reviewed_at, reviewer, reviewer_name, findings, next_review) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
