SELECT org_id FROM membership WHERE user_id = $1
