UPDATE user_account SET disabled = $2 WHERE id = $1
