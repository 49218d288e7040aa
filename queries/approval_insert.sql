INSERT INTO approval_request (id, system_id, org_id, body, body_name, policy_id, policy_version, target, reason, own_decision, routed_to, status, requested_by, requested_by_name, requested_at, note, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open', $12, $13, $14, $15, 1)
