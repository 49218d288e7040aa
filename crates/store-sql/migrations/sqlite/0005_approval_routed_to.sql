-- The person an approval for a record-person body (the system or process owner) was routed to
-- when it was asked: they decide, even if the record names someone else by then. Empty for
-- bodies of role holders and for requests asked before this was kept.
ALTER TABLE approval_request ADD COLUMN routed_to TEXT REFERENCES user_account (id);
