INSERT INTO external_identity (issuer, subject, user_id, created_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (issuer, subject) DO NOTHING
