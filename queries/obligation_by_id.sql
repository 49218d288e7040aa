SELECT id, org_id, system_id, obligation_id, article, title, applies_from, date_status, status, reason, responsible, evidence, active, version, updated_at
FROM obligation_item WHERE id = $1
