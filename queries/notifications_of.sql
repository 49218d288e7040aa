SELECT id, incident_id, recipient, channel, at, note FROM incident_notification WHERE incident_id = $1 ORDER BY at, id
