-- Lists found through what narrows them rather than by walking the whole register:
-- - the public list in name order, ties by id, all from the index: a deep page skips index
--   entries only (it read each skipped record's row for its id before);
-- - an organisation's or a region's published records in name order (the public list of a
--   region with an area chosen walked every published record before);
-- - the counts of a list's facets and of the working group's overview by life-cycle state
--   (state, publication and id make the index cover them), and the overview's records in
--   front of users;
-- - the records whose review is due, by organisation.
-- Keep in step with ../postgres/0016_overview_indexes.sql.
DROP INDEX ai_system_publication;
CREATE INDEX ai_system_publication ON ai_system (publication, sort_name, id);
DROP INDEX ai_system_org;
CREATE INDEX ai_system_org ON ai_system (org_id, publication, sort_name, id);
CREATE INDEX ai_system_org_state ON ai_system (org_id, lifecycle, publication, id);
CREATE INDEX ai_system_org_review ON ai_system (org_id, next_review);
