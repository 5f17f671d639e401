-- dgas schema, version 1: market data, runs, signals, alerts.
-- Enumerations are lower-case text with CHECK constraints that mirror the Java enums (SchemaIT compares them).
-- Prices are double precision; "x > 0 AND x < 'Infinity'" also rejects NaN, which PostgreSQL orders above Infinity.

CREATE TABLE symbols (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticker        text        NOT NULL,
    name          text,
    exchange      text,
    asset_class   text        NOT NULL DEFAULT 'stock',
    status        text        NOT NULL DEFAULT 'active',
    last_tick_at  timestamptz,
    last_price    double precision,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    deleted_at    timestamptz,
    CONSTRAINT symbols_ticker_key UNIQUE (ticker),
    CONSTRAINT symbols_ticker_check CHECK (ticker ~ '^[A-Z0-9][A-Z0-9._:/^=-]{0,31}$'),
    CONSTRAINT symbols_asset_class_check
        CHECK (asset_class IN ('stock', 'etf', 'future', 'crypto', 'forex', 'index', 'other')),
    CONSTRAINT symbols_status_check CHECK (status IN ('active', 'inactive')),
    CONSTRAINT symbols_last_price_check CHECK (last_price IS NULL OR (last_price > 0 AND last_price < 'Infinity'))
);
CREATE INDEX symbols_active_idx ON symbols (ticker) WHERE deleted_at IS NULL AND status = 'active';

-- Bars: one row per (symbol, timeframe, bar open time in UTC); monthly range partitions.
CREATE TABLE bars (
    symbol_id    bigint           NOT NULL REFERENCES symbols (id) ON DELETE RESTRICT,
    timeframe    text             NOT NULL,
    ts           timestamptz      NOT NULL,
    open         double precision NOT NULL,
    high         double precision NOT NULL,
    low          double precision NOT NULL,
    close        double precision NOT NULL,
    volume       double precision NOT NULL DEFAULT 0,
    trade_count  integer,
    is_partial   boolean          NOT NULL DEFAULT false,
    updated_at   timestamptz      NOT NULL DEFAULT now(),
    deleted_at   timestamptz,
    CONSTRAINT bars_pkey PRIMARY KEY (symbol_id, timeframe, ts),
    CONSTRAINT bars_timeframe_check CHECK (timeframe IN ('1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w')),
    CONSTRAINT bars_prices_check CHECK (
        open > 0 AND open < 'Infinity' AND high > 0 AND high < 'Infinity'
        AND low > 0 AND low < 'Infinity' AND close > 0 AND close < 'Infinity'),
    CONSTRAINT bars_high_check CHECK (high >= open AND high >= close AND high >= low),
    CONSTRAINT bars_low_check CHECK (low <= open AND low <= close),
    CONSTRAINT bars_volume_check CHECK (volume >= 0 AND volume < 'Infinity'),
    CONSTRAINT bars_trade_count_check CHECK (trade_count IS NULL OR trade_count >= 0)
) PARTITION BY RANGE (ts);
CREATE INDEX bars_timeframe_ts_idx ON bars (timeframe, ts);
CREATE INDEX bars_deleted_idx ON bars (deleted_at) WHERE deleted_at IS NOT NULL;

-- Ticks: raw trades and quotes; seq orders ticks sharing a timestamp (assigned by ingest, stable per source).
CREATE TABLE ticks (
    symbol_id   bigint           NOT NULL REFERENCES symbols (id) ON DELETE RESTRICT,
    ts          timestamptz      NOT NULL,
    seq         integer          NOT NULL DEFAULT 0,
    price       double precision NOT NULL,
    size        double precision NOT NULL DEFAULT 0,
    bid         double precision,
    ask         double precision,
    bid_size    double precision,
    ask_size    double precision,
    updated_at  timestamptz      NOT NULL DEFAULT now(),
    deleted_at  timestamptz,
    CONSTRAINT ticks_pkey PRIMARY KEY (symbol_id, ts, seq),
    CONSTRAINT ticks_price_check CHECK (price > 0 AND price < 'Infinity'),
    CONSTRAINT ticks_size_check CHECK (size >= 0 AND size < 'Infinity'),
    CONSTRAINT ticks_quote_check CHECK (
        (bid IS NULL OR (bid > 0 AND bid < 'Infinity')) AND (ask IS NULL OR (ask > 0 AND ask < 'Infinity'))
        AND (bid_size IS NULL OR (bid_size >= 0 AND bid_size < 'Infinity'))
        AND (ask_size IS NULL OR (ask_size >= 0 AND ask_size < 'Infinity'))),
    CONSTRAINT ticks_seq_check CHECK (seq >= 0)
) PARTITION BY RANGE (ts);
CREATE INDEX ticks_deleted_idx ON ticks (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE prediction_runs (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at         timestamptz NOT NULL,
    finished_at        timestamptz,
    htf_timeframe      text        NOT NULL,
    trading_timeframe  text        NOT NULL,
    status             text        NOT NULL,
    symbols_requested  integer     NOT NULL DEFAULT 0,
    symbols_processed  integer     NOT NULL DEFAULT 0,
    symbols_failed     integer     NOT NULL DEFAULT 0,
    symbols_stale      integer     NOT NULL DEFAULT 0,
    signals_generated  integer     NOT NULL DEFAULT 0,
    load_ms            double precision,
    analyse_ms         double precision,
    persist_ms         double precision,
    alerts_ms          double precision,
    duration_ms        double precision,
    errors             jsonb       NOT NULL DEFAULT '[]'::jsonb,
    stale_symbols      jsonb       NOT NULL DEFAULT '[]'::jsonb,
    instance           text,
    CONSTRAINT prediction_runs_status_check CHECK (status IN ('running', 'success', 'partial', 'failed')),
    CONSTRAINT prediction_runs_htf_check CHECK (htf_timeframe IN ('1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w')),
    CONSTRAINT prediction_runs_trading_check
        CHECK (trading_timeframe IN ('1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w')),
    CONSTRAINT prediction_runs_counts_check CHECK (
        symbols_requested >= 0 AND symbols_processed >= 0 AND symbols_failed >= 0 AND symbols_stale >= 0
        AND signals_generated >= 0),
    CONSTRAINT prediction_runs_times_check CHECK (finished_at IS NULL OR finished_at >= started_at)
);
CREATE INDEX prediction_runs_started_idx ON prediction_runs (started_at DESC);

CREATE TABLE signals (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id               bigint           NOT NULL REFERENCES prediction_runs (id) ON DELETE RESTRICT,
    symbol_id            bigint           NOT NULL REFERENCES symbols (id) ON DELETE RESTRICT,
    timeframe            text             NOT NULL,
    ts                   timestamptz      NOT NULL,
    signal_type          text             NOT NULL,
    entry_price          double precision NOT NULL,
    stop_loss            double precision,
    target_price         double precision,
    confidence           double precision NOT NULL,
    strength             double precision NOT NULL,
    alignment            double precision NOT NULL,
    tier                 text,
    reasons              jsonb            NOT NULL DEFAULT '[]'::jsonb,
    notification_status  text             NOT NULL DEFAULT 'pending',
    created_at           timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT signals_timeframe_check CHECK (timeframe IN ('1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w')),
    CONSTRAINT signals_type_check CHECK (signal_type IN ('long', 'short', 'exit_long', 'exit_short')),
    CONSTRAINT signals_confidence_check CHECK (confidence >= 0 AND confidence <= 1),
    CONSTRAINT signals_strength_check CHECK (strength >= 0 AND strength <= 1),
    CONSTRAINT signals_alignment_check CHECK (alignment >= 0 AND alignment <= 1),
    CONSTRAINT signals_prices_check CHECK (
        entry_price > 0 AND entry_price < 'Infinity'
        AND (stop_loss IS NULL OR (stop_loss > 0 AND stop_loss < 'Infinity'))
        AND (target_price IS NULL OR (target_price > 0 AND target_price < 'Infinity'))),
    CONSTRAINT signals_tier_check CHECK (tier IS NULL OR tier IN ('high', 'medium', 'low')),
    CONSTRAINT signals_notification_check CHECK (notification_status IN ('pending', 'sent', 'failed', 'skipped'))
);
CREATE INDEX signals_run_idx ON signals (run_id);
CREATE INDEX signals_symbol_ts_idx ON signals (symbol_id, ts DESC);
CREATE INDEX signals_created_idx ON signals (created_at DESC);

CREATE TABLE alert_rules (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name               text             NOT NULL,
    symbol_id          bigint REFERENCES symbols (id) ON DELETE RESTRICT,
    rule_type          text             NOT NULL,
    condition          text             NOT NULL,
    threshold          double precision NOT NULL,
    params             jsonb            NOT NULL DEFAULT '{}'::jsonb,
    cooldown_seconds   integer          NOT NULL DEFAULT 60,
    active             boolean          NOT NULL DEFAULT true,
    last_triggered_at  timestamptz,
    created_at         timestamptz      NOT NULL DEFAULT now(),
    updated_at         timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT alert_rules_name_key UNIQUE (name),
    CONSTRAINT alert_rules_type_check
        CHECK (rule_type IN ('threshold', 'crossover', 'percent_change', 'volume_spike', 'signal')),
    CONSTRAINT alert_rules_condition_check
        CHECK (condition IN ('above', 'below', 'crosses_above', 'crosses_below', 'at_least')),
    CONSTRAINT alert_rules_threshold_check CHECK (threshold > '-Infinity' AND threshold < 'Infinity'),
    CONSTRAINT alert_rules_cooldown_check CHECK (cooldown_seconds >= 0)
);
CREATE INDEX alert_rules_active_idx ON alert_rules (symbol_id) WHERE active;

-- Alert logs: every evaluation that fired or was suppressed; quarterly range partitions.
CREATE TABLE alert_logs (
    id                bigint GENERATED ALWAYS AS IDENTITY,
    rule_id           bigint           NOT NULL REFERENCES alert_rules (id) ON DELETE RESTRICT,
    symbol_id         bigint REFERENCES symbols (id) ON DELETE RESTRICT,
    ts                timestamptz      NOT NULL,
    trigger_value     double precision,
    threshold_value   double precision,
    fired_status      text             NOT NULL,
    delivery_status   text             NOT NULL DEFAULT 'pending',
    delivered_at      timestamptz,
    delivery_ms       double precision,
    evaluation_ms     double precision,
    message           text,
    deleted_at        timestamptz,
    CONSTRAINT alert_logs_pkey PRIMARY KEY (id, ts),
    CONSTRAINT alert_logs_fired_check CHECK (fired_status IN ('fired', 'suppressed', 'error')),
    CONSTRAINT alert_logs_delivery_check CHECK (delivery_status IN ('pending', 'sent', 'failed', 'skipped')),
    CONSTRAINT alert_logs_times_check CHECK (delivered_at IS NULL OR delivered_at >= ts - interval '1 minute')
) PARTITION BY RANGE (ts);
CREATE INDEX alert_logs_rule_ts_idx ON alert_logs (rule_id, ts DESC);
CREATE INDEX alert_logs_ts_idx ON alert_logs (ts DESC);

-- Partition helpers. Each creates the partition covering the given instant if it does not exist and returns its
-- name. Names are derived, never taken from callers; the parent must be one of the partitioned tables above.
CREATE FUNCTION dgas_create_month_partition(p_parent text, p_at timestamptz) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    v_from timestamptz := date_trunc('month', p_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    v_to   timestamptz := v_from + interval '1 month';
    v_name text;
BEGIN
    IF p_parent NOT IN ('bars', 'ticks') THEN
        RAISE EXCEPTION 'dgas_create_month_partition: % is not a monthly partitioned table', p_parent;
    END IF;
    v_name := p_parent || '_' || to_char(v_from AT TIME ZONE 'UTC', '"y"YYYY"m"MM');
    IF to_regclass(v_name) IS NULL THEN
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                       v_name, p_parent, v_from, v_to);
    END IF;
    RETURN v_name;
END;
$$;

CREATE FUNCTION dgas_create_quarter_partition(p_parent text, p_at timestamptz) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    v_from timestamptz := date_trunc('quarter', p_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    v_to   timestamptz := v_from + interval '3 months';
    v_name text;
BEGIN
    IF p_parent NOT IN ('alert_logs') THEN
        RAISE EXCEPTION 'dgas_create_quarter_partition: % is not a quarterly partitioned table', p_parent;
    END IF;
    v_name := p_parent || '_' || to_char(v_from AT TIME ZONE 'UTC', '"y"YYYY"q"Q');
    IF to_regclass(v_name) IS NULL THEN
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                       v_name, p_parent, v_from, v_to);
    END IF;
    RETURN v_name;
END;
$$;
