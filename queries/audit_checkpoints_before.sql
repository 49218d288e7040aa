SELECT seq, hash, at, public_key, signature FROM audit_checkpoint WHERE seq < $1
ORDER BY seq DESC LIMIT $2
