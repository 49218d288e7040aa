UPDATE assessment
SET template_version = $3, answers = $4, status = $5, sign_off_body = $6, version = version + 1, updated_at = $7, updated_by = $8, updated_by_name = $9,
    signed_at = NULL, signed_by = NULL, signed_by_name = NULL
WHERE id = $1 AND version = $2
