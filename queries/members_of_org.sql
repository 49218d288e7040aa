SELECT u.id, u.email, u.name, u.language, u.platform_admin, u.disabled, u.password_hash, m.role
FROM membership m JOIN user_account u ON u.id = m.user_id
WHERE m.org_id = $1
ORDER BY u.name, u.id, m.role
