SELECT user_id, org_id, role FROM membership WHERE user_id = $1 ORDER BY org_id, role
