-- Stored benchmark runs (dgas benchmark run-standard|run), so that figures can be reported later and two runs
-- compared (dgas benchmark report|compare): one row per run, one per benchmark of it with its figures as JSON.
CREATE TABLE benchmark_runs (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text        NOT NULL,
    version     text        NOT NULL,
    host        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT benchmark_runs_kind_check CHECK (kind IN ('standard', 'single'))
);

CREATE TABLE benchmark_results (
    run_id      bigint      NOT NULL REFERENCES benchmark_runs (id) ON DELETE CASCADE,
    name        text        NOT NULL,
    figures     jsonb       NOT NULL,
    seconds     double precision NOT NULL,
    CONSTRAINT benchmark_results_pkey PRIMARY KEY (run_id, name)
);
