-- Which replica holds an item's claim (its Quartz instance). With several replicas the claims of
-- one that died lapse as soon as the others take it for dead (Quartz removes its row from
-- QRTZ_SCHEDULER_STATE), not two minutes later. Additive: a replica of the version before
-- ignores the column.
ALTER TABLE slack_outbox ADD COLUMN claimed_by VARCHAR(200);
