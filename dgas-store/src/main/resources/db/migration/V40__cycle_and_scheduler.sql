-- Prediction cycle: superseded signals (aggregation window), distributed batch results, and db-scheduler's table.

-- A newer, more confident signal of the same (symbol, type) within the aggregation window supersedes the older one;
-- the older row stays (signals are audit history) with the time it was superseded.
ALTER TABLE signals ADD COLUMN superseded_at timestamptz;
CREATE INDEX signals_recent_idx ON signals (symbol_id, signal_type, ts DESC) WHERE superseded_at IS NULL;

ALTER TABLE prediction_runs ADD COLUMN batches_total integer NOT NULL DEFAULT 0;
ALTER TABLE prediction_runs ADD COLUMN batches_done integer NOT NULL DEFAULT 0;

-- Results of a run's batches computed by any instance; the instance finishing the last batch writes the run and all
-- its signals in one transaction, then deletes these rows.
CREATE TABLE cycle_batch_results (
    run_id       bigint      NOT NULL REFERENCES prediction_runs (id) ON DELETE CASCADE,
    batch_no     integer     NOT NULL,
    instance     text        NOT NULL,
    payload      bytea       NOT NULL,
    finished_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT cycle_batch_results_pkey PRIMARY KEY (run_id, batch_no),
    CONSTRAINT cycle_batch_results_batch_check CHECK (batch_no >= 0)
);

-- db-scheduler (com.github.kagkarlsson:db-scheduler) task table, PostgreSQL layout of its documentation.
CREATE TABLE scheduled_tasks (
    task_name            text        NOT NULL,
    task_instance        text        NOT NULL,
    task_data            bytea,
    execution_time       timestamptz NOT NULL,
    picked               boolean     NOT NULL,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures integer,
    last_heartbeat       timestamptz,
    version              bigint      NOT NULL,
    priority             smallint,
    CONSTRAINT scheduled_tasks_pkey PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
