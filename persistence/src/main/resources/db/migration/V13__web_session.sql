-- Sign in with Slack for the web pages. Both tables keep SHA-256 hashes of the random
-- values the browser holds, never the values: a copy of the database lets nobody sign in.
-- Kept in the database, not in memory, so that every replica knows every session.

-- A signed-in browser, until it signs out or the session expires.
CREATE TABLE web_session (
    token_sha256  VARCHAR(64)              NOT NULL PRIMARY KEY,
    user_id       VARCHAR(32)              NOT NULL,
    team_id       VARCHAR(32)              NOT NULL,
    user_name     VARCHAR(200)             NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX web_session_expires_idx ON web_session (expires_at);

-- A sign-in under way: the state sent to Slack, claimed once by the callback, and only
-- from the browser that started it (the hash of a cookie it was given); where to go back.
CREATE TABLE signin_state (
    state_sha256    VARCHAR(64)              NOT NULL PRIMARY KEY,
    nonce           VARCHAR(64)              NOT NULL,
    browser_sha256  VARCHAR(64)              NOT NULL,
    return_to       VARCHAR(2000)            NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX signin_state_expires_idx ON signin_state (expires_at);
