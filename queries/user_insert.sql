INSERT INTO user_account (id, email, name, language, password_hash, platform_admin, disabled, created_at)
VALUES ($1, $2, $3, $4, $5, $6, FALSE, $7)
