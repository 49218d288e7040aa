SELECT t.id, t.user_id, t.name, t.prefix, t.created_at, t.last_used_at, t.revoked_at, t.org_id, t.scope, t.expires_at,
       u.email AS user_email, u.name AS user_name, u.language AS user_language,
       u.platform_admin AS user_platform_admin, u.disabled AS user_disabled
FROM api_token t JOIN user_account u ON u.id = t.user_id
WHERE $1 IS NULL
   OR t.org_id = $1
   OR (t.org_id IS NULL
       AND t.user_id IN (SELECT user_id FROM membership WHERE org_id = $1)
       AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.user_id = t.user_id AND m.org_id <> $1)
       AND NOT u.platform_admin)
ORDER BY t.created_at DESC, t.id
LIMIT 500
