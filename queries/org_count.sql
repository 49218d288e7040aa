SELECT COUNT(*) FROM organisation
