SELECT id FROM product WHERE id = $1
