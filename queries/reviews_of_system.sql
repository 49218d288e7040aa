SELECT id, system_id, org_id, reviewed_at, reviewer, reviewer_name, findings, next_review FROM system_review WHERE system_id = $1 ORDER BY reviewed_at DESC, id DESC
