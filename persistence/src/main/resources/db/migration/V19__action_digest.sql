-- The weekly digest of open action items: one row per person and week, written in the same
-- transaction that queues the direct message, so that no replica and no restart sends it twice.
CREATE TABLE action_digest (
    user_id VARCHAR(32)              NOT NULL,
    -- the Monday of the week, in the person's own timezone
    week_of DATE                     NOT NULL,
    sent_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, week_of)
);

-- The items a digest listed, so that its message can be shown again as they stand now after a
-- button closes one of them.
CREATE TABLE action_digest_item (
    user_id   VARCHAR(32) NOT NULL,
    week_of   DATE        NOT NULL,
    action_id BIGINT      NOT NULL REFERENCES action_item (id),
    -- 'own': the person's own item; 'facilitated': overdue in a wrap-up they ran
    part      VARCHAR(16) NOT NULL,
    position  INTEGER     NOT NULL,
    PRIMARY KEY (user_id, week_of, action_id),
    FOREIGN KEY (user_id, week_of) REFERENCES action_digest (user_id, week_of)
);
