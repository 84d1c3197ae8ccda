-- The ledger of inconvenient calls: for each analysis call, who it falls outside the working
-- hours of, in the timezone they had then. The slot finder reads it to share the inconvenience
-- (the last 90 days), the announcement to say how often this quarter, /insights by timezone.
-- Written with the call's scheduling, replaced when the call moves, removed when it is cancelled.
CREATE TABLE call_inconvenience (
    incident_id BIGINT                   NOT NULL REFERENCES incident (id),
    user_id     VARCHAR(32)              NOT NULL,
    call_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the Slack timezone (Europe/Berlin), UTC when it was unknown
    tz          VARCHAR(64)              NOT NULL,
    PRIMARY KEY (incident_id, user_id)
);
CREATE INDEX call_inconvenience_user_idx ON call_inconvenience (user_id, call_at);
