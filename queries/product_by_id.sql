SELECT id, slug, name, vendor, url, description FROM product WHERE id = $1
