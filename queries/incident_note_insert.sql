INSERT INTO incident_note (id, incident_id, author, author_name, at, status, body) VALUES ($1, $2, $3, $4, $5, $6, $7)
