SELECT a.id, a.incident_id, a.filename, a.content_type, a.size, a.data, i.org_id
FROM incident_attachment a JOIN incident i ON i.id = a.incident_id WHERE a.id = $1
