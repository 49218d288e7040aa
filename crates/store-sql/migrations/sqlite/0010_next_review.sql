-- The date of a record's next review (ISO text, as the record has it), so that the reminder
-- scan reads the records due for review, not the whole register. The old search text columns
-- are no longer read (the search index replaced them): emptied, to keep rows small.
ALTER TABLE ai_system ADD COLUMN next_review TEXT;
UPDATE ai_system SET next_review = json_extract(record, '$.next_review'),
    search_text = '', public_search_text = '';
CREATE INDEX ai_system_next_review ON ai_system (next_review);
