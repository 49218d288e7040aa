DELETE FROM identity_provider WHERE org_id = $1
