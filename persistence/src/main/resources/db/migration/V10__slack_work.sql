-- The outbox becomes the bot's Slack work queue. Besides messages to post it holds the
-- other Web API work a command promises after its ack (opening an incident channel,
-- posting and pinning its header, updating it, inviting someone), each item written in
-- the same transaction as the change it follows. Items of one conversation are done in
-- the order they were written; conversations wait for Slack apart from each other.
ALTER TABLE slack_outbox ADD COLUMN kind VARCHAR(32) DEFAULT 'post' NOT NULL;
-- what the item keeps its order with: a channel or user id, or a lane of a channel for
-- work that needs no order with its messages (e.g. 'C123 invite')
ALTER TABLE slack_outbox ADD COLUMN conversation VARCHAR(64);
UPDATE slack_outbox SET conversation = channel_id;
ALTER TABLE slack_outbox ALTER COLUMN conversation SET NOT NULL;
-- what the kind needs besides channel and text, e.g. whom to invite
ALTER TABLE slack_outbox ADD COLUMN args VARCHAR(10000);
-- what the steps that must not be repeated have done so far (the channel created…), so
-- that work resumed after a crash goes on from there
ALTER TABLE slack_outbox ADD COLUMN progress VARCHAR(1000);
ALTER TABLE slack_outbox ALTER COLUMN text DROP NOT NULL;
CREATE INDEX slack_outbox_conversation_idx ON slack_outbox (conversation, id);
