-- How many published records each organisation has with each facet value that the public
-- sees ('all' counts the records themselves, 'status' their life-cycle states; the others are
-- search_facet's public values). Kept in the transaction of every change to a record's
-- publication, state, facets or classification, so that the register's front page counts
-- its facets from a few hundred rows instead of reading every record. Rebuilt with the
-- search index. Keep in step with the other engine's 0012_facet_count.sql.
CREATE TABLE facet_count (
    org_id TEXT NOT NULL REFERENCES organisation (id),
    facet  TEXT NOT NULL,
    value  TEXT NOT NULL,
    n      BIGINT NOT NULL,
    PRIMARY KEY (org_id, facet, value)
);
INSERT INTO facet_count (org_id, facet, value, n)
SELECT org_id, 'all', '', COUNT(*) FROM ai_system WHERE publication = 'published' GROUP BY org_id;
INSERT INTO facet_count (org_id, facet, value, n)
SELECT org_id, 'status', lifecycle, COUNT(*) FROM ai_system WHERE publication = 'published'
GROUP BY org_id, lifecycle;
INSERT INTO facet_count (org_id, facet, value, n)
SELECT s.org_id, f.facet, f.value, COUNT(*) FROM search_facet f JOIN ai_system s ON s.id = f.system_id
WHERE f.public = TRUE AND s.publication = 'published' GROUP BY s.org_id, f.facet, f.value;
