-- Periodic copies of pg_stat_statements' cumulative counters (never reset by dgas: other tools rely on them).
-- Reports over a look-back window diff the newest counters against the oldest snapshot inside the window.
CREATE TABLE query_stat_snapshots (
    taken_at         timestamptz      NOT NULL,
    queryid          bigint           NOT NULL,
    name             text,
    query            text             NOT NULL,
    calls            bigint           NOT NULL,
    total_exec_ms    double precision NOT NULL,
    rows             bigint           NOT NULL,
    shared_blks_hit  bigint           NOT NULL,
    shared_blks_read bigint           NOT NULL,
    CONSTRAINT query_stat_snapshots_pkey PRIMARY KEY (queryid, taken_at),
    CONSTRAINT query_stat_snapshots_counts_check CHECK (calls >= 0 AND rows >= 0 AND total_exec_ms >= 0)
);
CREATE INDEX query_stat_snapshots_taken_idx ON query_stat_snapshots (taken_at);
