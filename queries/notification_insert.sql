INSERT INTO incident_notification (id, incident_id, recipient, channel, at, note) VALUES ($1, $2, $3, $4, $5, $6)
