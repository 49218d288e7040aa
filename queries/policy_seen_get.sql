SELECT version FROM policy_pack_seen WHERE policy_id = $1
