-- The cycle's collect stage (fetching new bars from the market-data source before analysing): its wall time, the
-- rows it stored per symbol and the symbols whose fetch failed (a failing symbol never fails the run).
ALTER TABLE prediction_runs
    ADD COLUMN collect_ms       double precision,
    ADD COLUMN collect_rows     jsonb,
    ADD COLUMN collect_failures jsonb;
