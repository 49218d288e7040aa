SELECT id, policy_id, policy_version, org_id, reviewed_at, reviewer_name, findings, next_review FROM policy_review WHERE policy_id = $1 ORDER BY reviewed_at DESC, id DESC
