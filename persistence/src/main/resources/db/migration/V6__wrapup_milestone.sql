-- What a wrap-up says once, whichever bot replica gets there first (e.g. the line
-- that everyone has commented): the row is the claim to say it.
CREATE TABLE wrapup_milestone (
    incident_id  BIGINT                   NOT NULL REFERENCES incident (id),
    milestone    VARCHAR(32)              NOT NULL,
    reached_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (incident_id, milestone)
);
