SELECT role FROM membership WHERE user_id = $1 AND org_id = $2 AND source = 'oidc'
