INSERT INTO ai_system (id, org_id, version, lifecycle, record, sort_name, search_text, public_search_text, next_review, created_at, updated_at, publication, first_published_at)
VALUES ($1, $2, 1, $3, $4, $5, '', '', $6, $7, $7, $8, $9)
