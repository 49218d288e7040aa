-- What the public may search by: the text of public fields only, so that a search cannot reveal
-- an internal vendor or keyword. Filled in by the application (it needs the record's
-- visibility rules); rows from before this migration are filled in on the next start.
ALTER TABLE ai_system ADD COLUMN public_search_text TEXT;
