-- One row that GET /healthz updates in a short transaction of its own: a database that
-- still answers reads but can no longer write (a full disk, a read-only replica or
-- role) is reported as down.
CREATE TABLE health_probe (
    id     INTEGER PRIMARY KEY,
    writes BIGINT  NOT NULL
);
INSERT INTO health_probe (id, writes) VALUES (1, 0);
