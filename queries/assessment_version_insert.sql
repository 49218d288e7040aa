INSERT INTO assessment_version (assessment_id, version, status, answers, changed_at, changed_by, changed_by_name)
VALUES ($1, $2, $3, $4, $5, $6, $7)
