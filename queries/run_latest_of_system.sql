SELECT id, system_id, org_id, pack_version, answers, justifications, facts, outcome, category, source, created_at, created_by, created_by_name
FROM classification_run WHERE system_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1
