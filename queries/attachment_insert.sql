INSERT INTO incident_attachment (id, incident_id, filename, content_type, size, data, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
