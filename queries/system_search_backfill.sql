UPDATE ai_system SET public_search_text = $2 WHERE id = $1
