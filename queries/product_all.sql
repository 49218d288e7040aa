SELECT id, slug, name, vendor, url, description FROM product ORDER BY name, id
