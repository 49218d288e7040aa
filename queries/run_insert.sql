INSERT INTO classification_run (id, system_id, org_id, pack_version, answers, justifications, facts, outcome, category, source, created_at, created_by, created_by_name)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
