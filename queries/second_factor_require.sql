INSERT INTO second_factor_required (org_id, since) VALUES ($1, $2) ON CONFLICT (org_id) DO NOTHING
