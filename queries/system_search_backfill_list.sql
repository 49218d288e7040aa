SELECT id, record FROM ai_system WHERE public_search_text IS NULL
