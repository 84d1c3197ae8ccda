-- Which configured role groups (WRAPUP_ROLE_GROUPS) took part in an incident and commented
-- on its wrap-up, as the groups' members stood when noted: when the analysis call is
-- announced and when the wrap-up is published. Membership changes over time, so pages and
-- insights read history from here, never from Slack.
CREATE TABLE incident_role_group (
    incident_id  BIGINT                   NOT NULL REFERENCES incident (id),
    role         VARCHAR(200)             NOT NULL,
    participated BOOLEAN                  NOT NULL,
    commented    BOOLEAN                  NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (incident_id, role)
);
