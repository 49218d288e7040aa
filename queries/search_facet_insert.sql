INSERT INTO search_facet (system_id, facet, value, public) VALUES ($1, $2, $3, $4)
