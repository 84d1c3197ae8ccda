-- The analysis call held after an incident is resolved (or a window ends).

ALTER TABLE incident ADD COLUMN facilitator_id VARCHAR(32);

CREATE TABLE analysis_call (
    incident_id     BIGINT                   NOT NULL PRIMARY KEY REFERENCES incident (id),
    -- scheduled, started or cancelled
    status          VARCHAR(16)              NOT NULL,
    scheduled_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the calendar file's SEQUENCE: a reschedule updates the same event
    sequence        INTEGER                  NOT NULL,
    suited          VARCHAR(4000),
    not_suited      VARCHAR(4000),
    announcement_ts VARCHAR(32),
    started_at      TIMESTAMP WITH TIME ZONE,
    call_ts         VARCHAR(32),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
