SELECT org_id, issuer, client_id, client_secret, email_domains, role_claim, role_map, local_passwords, updated_at
FROM identity_provider WHERE org_id = $1
