UPDATE user_account SET password_hash = $2 WHERE id = $1
