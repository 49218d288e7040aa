SELECT id, incident_id, filename, content_type, size FROM incident_attachment WHERE incident_id = $1 ORDER BY created_at, id
