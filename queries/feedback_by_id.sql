SELECT id, system_id, org_id, kind, message, name, email, lang, created_at, response_due, status, response, responded_by_name, responded_at, version FROM feedback WHERE id = $1
