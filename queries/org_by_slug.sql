SELECT id, slug, kind, parent_id, name, country, languages, business_id, website FROM organisation WHERE slug = $1
