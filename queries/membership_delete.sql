DELETE FROM membership WHERE user_id = $1 AND org_id = $2 AND role = $3
