SELECT COUNT(*) FROM second_factor_required WHERE org_id = $1
