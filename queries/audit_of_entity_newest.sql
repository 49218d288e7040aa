SELECT seq, at, actor_id, actor_name, action, entity_type, entity_id, org_id, before_state, after_state, prev_hash, hash
FROM audit_event WHERE entity_type = $1 AND entity_id = $2 AND action <> $3 ORDER BY seq DESC LIMIT $4
