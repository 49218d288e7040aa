-- What a working group's overview reads of an organisation's records, found through the
-- organisations rather than the whole register: their counts by life-cycle state (the id
-- makes the index cover the category looked up per record), the records in front of users
-- in a state, and those whose review is due. Keep in step with ../sqlite/0016_overview_indexes.sql.
CREATE INDEX ai_system_org_state ON ai_system (org_id, lifecycle, id);
CREATE INDEX ai_system_org_review ON ai_system (org_id, next_review);
