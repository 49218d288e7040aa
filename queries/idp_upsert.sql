INSERT INTO identity_provider (org_id, issuer, client_id, client_secret, email_domains, role_claim, role_map, local_passwords, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (org_id) DO UPDATE SET issuer = excluded.issuer, client_id = excluded.client_id,
    client_secret = excluded.client_secret, email_domains = excluded.email_domains,
    role_claim = excluded.role_claim, role_map = excluded.role_map,
    local_passwords = excluded.local_passwords, updated_at = excluded.updated_at
