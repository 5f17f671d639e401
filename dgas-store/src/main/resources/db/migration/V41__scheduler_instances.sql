-- Scheduler instances announce themselves here while they run, so 'dgas scheduler status' can list the live ones.
CREATE TABLE scheduler_instances (
    name        text        PRIMARY KEY,
    started_at  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL
);
