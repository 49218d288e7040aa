SELECT COUNT(*) FROM membership m JOIN identity_provider p ON p.org_id = m.org_id
WHERE m.user_id = $1 AND NOT p.local_passwords
