-- "Seen before": past incidents like the current one, posted in its channel.

-- Each post of suggestions (at declare, and once the incident has ten entries people
-- wrote) is made once, whichever replica gets there first: the row is the claim to post.
CREATE TABLE similar_post (
    incident_id  BIGINT                   NOT NULL REFERENCES incident (id),
    -- declare or ten
    occasion     VARCHAR(16)              NOT NULL,
    claimed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (incident_id, occasion)
);

-- Which past incidents a post in the incident's channel showed, so that a later post is
-- made only when it has something new to show.
CREATE TABLE similar_shown (
    incident_id      BIGINT                   NOT NULL REFERENCES incident (id),
    past_incident_id BIGINT                   NOT NULL REFERENCES incident (id),
    shown_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (incident_id, past_incident_id)
);

-- Every replica keeps its own search index current by asking every few seconds what
-- changed since it last looked; these keep that question cheap on a large record.
CREATE INDEX timeline_entry_recorded_idx ON timeline_entry (recorded_at);
CREATE INDEX timeline_entry_edited_idx ON timeline_entry (edited_at);
CREATE INDEX timeline_entry_deleted_idx ON timeline_entry (deleted_at);
CREATE INDEX wrapup_comment_created_idx ON wrapup_comment (created_at);
CREATE INDEX incident_created_idx ON incident (created_at);
