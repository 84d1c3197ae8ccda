-- Signed slash commands and interactivity requests already acted on, by their signature
-- (which covers the timestamp and the body), so that one replayed byte for byte within
-- the five minutes its timestamp is accepted acts only once. A row is of no use once its
-- timestamp is out of that window, and is purged then.
CREATE TABLE slack_request_seen (
    signature   VARCHAR(100)             NOT NULL PRIMARY KEY,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX slack_request_seen_expires_idx ON slack_request_seen (expires_at);

-- Who the bot is, as auth.test last said, per bot token (by its SHA-256, never the token):
-- requests from any other workspace are refused with it, and a restart while Slack is
-- rate-limiting auth.test still knows it.
CREATE TABLE slack_identity (
    token_sha256   VARCHAR(64)              NOT NULL PRIMARY KEY,
    team_id        VARCHAR(32)              NOT NULL,
    enterprise_id  VARCHAR(32),
    bot_user_id    VARCHAR(32)              NOT NULL,
    bot_id         VARCHAR(32),
    learned_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
