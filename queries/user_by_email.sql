SELECT id, email, name, language, platform_admin, disabled, password_hash FROM user_account WHERE email = $1
