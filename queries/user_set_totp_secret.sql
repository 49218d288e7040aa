UPDATE user_account SET totp_secret = $2 WHERE id = $1
