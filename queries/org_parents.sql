SELECT id, parent_id FROM organisation
