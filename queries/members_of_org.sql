SELECT u.id, u.email, u.name, u.language, u.platform_admin, u.disabled, u.password_hash, m.role,
       (u.platform_admin
        OR EXISTS (SELECT 1 FROM membership o WHERE o.user_id = u.id AND o.org_id <> $1)) AS elsewhere
FROM membership m JOIN user_account u ON u.id = m.user_id
WHERE m.org_id = $1
ORDER BY u.name, u.id, m.role
