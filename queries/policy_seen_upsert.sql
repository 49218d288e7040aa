INSERT INTO policy_pack_seen (policy_id, version, seen_at) VALUES ($1, $2, $3)
ON CONFLICT (policy_id) DO UPDATE SET version = excluded.version, seen_at = excluded.seen_at
