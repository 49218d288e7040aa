UPDATE account_link SET used_at = $3
WHERE id_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
