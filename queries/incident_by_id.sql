SELECT id, system_id, org_id, kind, title, description, status, serious, aware_at, report_deadline, reported_by, reported_by_name, created_at, version
FROM incident WHERE id = $1
