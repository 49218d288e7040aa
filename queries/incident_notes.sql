SELECT id, incident_id, author_name, at, status, body FROM incident_note WHERE incident_id = $1 ORDER BY at, id
