UPDATE account_link SET used_at = $3
WHERE email = $1 AND purpose = $2 AND used_at IS NULL
