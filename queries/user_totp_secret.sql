SELECT totp_secret FROM user_account WHERE id = $1
