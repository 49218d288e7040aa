SELECT id, system_id, org_id, body, body_name, policy_id, policy_version, target, reason, own_decision, routed_to, status, requested_by, requested_by_name, requested_at, note, decided_by, decided_by_name, decided_at, comment, minutes_ref, version
FROM approval_request WHERE system_id = $1 AND status = 'open'
