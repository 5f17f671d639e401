-- Table sizes taken daily by the maintenance job; `dgas db-optimizer table-sizes` reports growth since the newest one.
CREATE TABLE table_size_snapshots (
    taken_at     timestamptz NOT NULL,
    table_name   text        NOT NULL,
    total_bytes  bigint      NOT NULL,
    table_bytes  bigint      NOT NULL,
    index_bytes  bigint      NOT NULL,
    toast_bytes  bigint      NOT NULL,
    row_estimate bigint      NOT NULL,
    CONSTRAINT table_size_snapshots_pkey PRIMARY KEY (table_name, taken_at),
    CONSTRAINT table_size_snapshots_bytes_check CHECK (total_bytes >= 0 AND table_bytes >= 0 AND index_bytes >= 0
        AND toast_bytes >= 0)
);
CREATE INDEX table_size_snapshots_taken_idx ON table_size_snapshots (taken_at);
