SELECT (SELECT COUNT(*) FROM membership WHERE user_id = $1 AND org_id <> $2)
     + (SELECT COUNT(*) FROM user_account WHERE id = $1 AND platform_admin)
