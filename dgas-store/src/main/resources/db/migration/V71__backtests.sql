-- Backtests (issue 14): each replays into a portfolio of its own (kind 'backtest'), whose orders, executions,
-- positions and equity snapshots hold its trades and curve; this row keeps the request and the metrics. The portfolio
-- is history of the backtest: RESTRICT. ledger.backtests lists by the primary key, newest first.
CREATE TABLE backtests (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    portfolio_id   bigint      NOT NULL REFERENCES portfolios (id) ON DELETE RESTRICT,
    symbols        text[]      NOT NULL,
    from_ts        timestamptz NOT NULL,
    to_ts          timestamptz NOT NULL,
    htf            text        NOT NULL,
    trading        text        NOT NULL,
    settings       jsonb       NOT NULL,
    metrics        jsonb       NOT NULL,
    bar_steps      bigint      NOT NULL,
    duration_ms    double precision NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT backtests_portfolio_key UNIQUE (portfolio_id),
    CONSTRAINT backtests_range_check CHECK (to_ts > from_ts),
    CONSTRAINT backtests_timeframes_check CHECK (
        htf IN ('1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w')
        AND trading IN ('1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w'))
);
