-- Background jobs of the API (a backtest or a signal evaluation over a large universe would hold a request for
-- minutes): the request, its state, its progress and, once ended, its answer or its error (json, not jsonb: the
-- text as written, keys in their order, so an answer reads as the synchronous request's), so that any instance can
-- say how a job goes. The instance that accepted a job runs it and refreshes updated_at while it lives; a job left
-- queued or running without a refresh for a minute was orphaned by a dead process and is closed as 'abandoned'.
-- link: where what a succeeded job made is seen (a backtest's dashboard page), null when it made nothing to see.
-- Listed newest first by the primary key.
CREATE TABLE jobs (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind             text        NOT NULL,
    instance         text        NOT NULL,
    state            text        NOT NULL,
    request          json        NOT NULL,
    phase            text,
    done             bigint      NOT NULL DEFAULT 0,
    total            bigint      NOT NULL DEFAULT 0,
    cancel_requested boolean     NOT NULL DEFAULT false,
    result           json,
    link             text,
    error            json,
    created_at       timestamptz NOT NULL,
    started_at       timestamptz,
    finished_at      timestamptz,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT jobs_state_check CHECK (
        state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'abandoned')),
    CONSTRAINT jobs_progress_check CHECK (done >= 0 AND total >= 0)
);
-- the orphan sweep reads the open jobs only
CREATE INDEX jobs_open_idx ON jobs (updated_at) WHERE state IN ('queued', 'running');
