-- An action item's kind (what it changes) and state (open, done, or won't do with a reason).
-- done_at now says when the item was closed, done or won't do alike; state says which.
ALTER TABLE action_item ADD COLUMN kind VARCHAR(16) DEFAULT 'fix' NOT NULL;
ALTER TABLE action_item ADD COLUMN state VARCHAR(8) DEFAULT 'open' NOT NULL;
ALTER TABLE action_item ADD COLUMN wont_do_reason VARCHAR(4000);
UPDATE action_item SET state = 'done' WHERE done_at IS NOT NULL;
