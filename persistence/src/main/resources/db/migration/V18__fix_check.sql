-- "Did the fixes from <earlier incident> hold?": asked in a later, similar incident's
-- analysis call about each suggested earlier incident whose action items are done. A row
-- is written when asked (answer null: asked, not answered yet); the last answer wins.
CREATE TABLE fix_check (
    incident_id         BIGINT                   NOT NULL REFERENCES incident (id),
    earlier_incident_id BIGINT                   NOT NULL REFERENCES incident (id),
    -- the order the questions are asked in
    position            INTEGER                  NOT NULL,
    asked_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    -- held, did_not_hold or not_related
    answer              VARCHAR(16),
    answered_by         VARCHAR(32),
    answered_at         TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (incident_id, earlier_incident_id)
);
CREATE INDEX fix_check_earlier_idx ON fix_check (earlier_incident_id);

-- The call's message as it was posted, so that an answer redraws it with the same words.
CREATE TABLE fix_check_call (
    incident_id BIGINT         NOT NULL PRIMARY KEY REFERENCES incident (id),
    text        VARCHAR(40000) NOT NULL
);
