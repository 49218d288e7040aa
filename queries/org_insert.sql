INSERT INTO organisation (id, slug, kind, parent_id, name, country, languages, business_id, website, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
