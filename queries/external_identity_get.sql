SELECT user_id FROM external_identity WHERE issuer = $1 AND subject = $2
