SELECT id, system_id, org_id, template_id, template_version, answers, status, sign_off_body, version, updated_at, updated_by_name, signed_at, signed_by, signed_by_name
FROM assessment WHERE system_id = $1 AND template_id = $2
