INSERT INTO product (id, slug, name, vendor, url, description, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
