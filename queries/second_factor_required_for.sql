SELECT COUNT(*) FROM membership m JOIN second_factor_required r ON r.org_id = m.org_id
WHERE m.user_id = $1
