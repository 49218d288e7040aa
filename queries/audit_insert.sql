INSERT INTO audit_event (seq, at, actor_id, actor_name, action, entity_type, entity_id, org_id, before_state, after_state, prev_hash, hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
