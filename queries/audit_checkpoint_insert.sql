INSERT INTO audit_checkpoint (seq, hash, at, public_key, signature) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (seq) DO NOTHING
