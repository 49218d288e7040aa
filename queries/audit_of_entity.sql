SELECT seq, at, actor_id, actor_name, action, entity_type, entity_id, org_id, before_state, after_state, prev_hash, hash
FROM audit_event WHERE entity_type = $1 AND entity_id = $2 ORDER BY seq
