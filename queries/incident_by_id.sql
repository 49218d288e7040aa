SELECT id, system_id, org_id, kind, title, description, status, serious, aware_at, report_deadline, reported_by, reported_by_name, created_at,
  (SELECT MIN(n.at) FROM incident_note n WHERE n.incident_id = incident.id) AS first_response_at, version
FROM incident WHERE id = $1
