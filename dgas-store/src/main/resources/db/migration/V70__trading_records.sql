-- Trading records (system.md §2, issue 14): portfolios, trading sessions, orders, executions, positions, news.
-- Money and quantities are numeric(20,8), the ledger's scale (io.dgas.ledger.Money.SCALE); market prices are double
-- precision. History rows (orders, executions) are kept by ON DELETE RESTRICT; CASCADE only where the parent owns
-- the row outright (a portfolio's sessions and its derived positions). Every secondary index is named after the
-- query that uses it (LedgerSchemaIT checks each with EXPLAIN); enumerations mirror the Java enums.

CREATE TABLE portfolios (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner             text          NOT NULL,
    name              text          NOT NULL,
    base_currency     text          NOT NULL DEFAULT 'USD',
    starting_capital  numeric(20,8) NOT NULL,
    active            boolean       NOT NULL DEFAULT true,
    kind              text          NOT NULL DEFAULT 'trading',
    created_at        timestamptz   NOT NULL DEFAULT now(),
    closed_at         timestamptz,
    CONSTRAINT portfolios_owner_name_key UNIQUE (owner, name),
    CONSTRAINT portfolios_name_check CHECK (length(owner) BETWEEN 1 AND 64 AND length(name) BETWEEN 1 AND 64),
    CONSTRAINT portfolios_currency_check CHECK (base_currency ~ '^[A-Z]{3}$'),
    CONSTRAINT portfolios_capital_check CHECK (starting_capital > 0),
    CONSTRAINT portfolios_kind_check CHECK (kind IN ('trading', 'backtest')),
    CONSTRAINT portfolios_closed_check CHECK (active = (closed_at IS NULL))
);

-- A session belongs to its portfolio outright (CASCADE); its orders are history and hold it (RESTRICT on orders).
CREATE TABLE trading_sessions (
    id                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    portfolio_id             bigint           NOT NULL REFERENCES portfolios (id) ON DELETE CASCADE,
    mode                     text             NOT NULL,
    status                   text             NOT NULL DEFAULT 'active',
    max_position_value       numeric(20,8)    NOT NULL,
    max_gross_exposure       numeric(20,8)    NOT NULL,
    max_loss_per_day         numeric(20,8)    NOT NULL,
    max_orders_per_minute    integer          NOT NULL,
    sizing                   text             NOT NULL DEFAULT 'fixed_cash',
    sizing_value             numeric(20,8)    NOT NULL,
    slippage_bps             double precision NOT NULL DEFAULT 0,
    commission_per_share     numeric(20,8)    NOT NULL DEFAULT 0,
    commission_percent       double precision NOT NULL DEFAULT 0,
    commission_minimum       numeric(20,8)    NOT NULL DEFAULT 0,
    started_at               timestamptz      NOT NULL DEFAULT now(),
    stopped_at               timestamptz,
    CONSTRAINT trading_sessions_mode_check CHECK (mode IN ('paper', 'live')),
    CONSTRAINT trading_sessions_status_check CHECK (status IN ('active', 'stopped')),
    CONSTRAINT trading_sessions_stopped_check CHECK ((status = 'stopped') = (stopped_at IS NOT NULL)),
    CONSTRAINT trading_sessions_limits_check CHECK (
        max_position_value > 0 AND max_gross_exposure > 0 AND max_loss_per_day > 0 AND max_orders_per_minute > 0),
    CONSTRAINT trading_sessions_sizing_check CHECK (
        sizing IN ('fixed_quantity', 'fixed_cash', 'percent_equity') AND sizing_value > 0
        AND (sizing <> 'percent_equity' OR sizing_value <= 100)),
    CONSTRAINT trading_sessions_costs_check CHECK (
        slippage_bps >= 0 AND slippage_bps < 10000 AND commission_per_share >= 0
        AND commission_percent >= 0 AND commission_percent < 100 AND commission_minimum >= 0)
);

CREATE TABLE orders (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    portfolio_id      bigint           NOT NULL REFERENCES portfolios (id) ON DELETE RESTRICT,
    session_id        bigint           REFERENCES trading_sessions (id) ON DELETE RESTRICT,
    symbol_id         bigint           NOT NULL REFERENCES symbols (id) ON DELETE RESTRICT,
    side              text             NOT NULL,
    quantity          numeric(20,8)    NOT NULL,
    filled_quantity   numeric(20,8)    NOT NULL DEFAULT 0,
    order_type        text             NOT NULL DEFAULT 'market',
    limit_price       double precision,
    stop_price        double precision,
    time_in_force     text             NOT NULL DEFAULT 'day',
    status            text             NOT NULL DEFAULT 'new',
    reject_reason     text,
    signal_id         bigint           REFERENCES signals (id) ON DELETE RESTRICT,
    confidence        double precision,
    rationale         text,
    exit_stop         double precision,
    exit_target       double precision,
    client_order_id   text             NOT NULL,
    fill_after        timestamptz,
    created_at        timestamptz      NOT NULL DEFAULT now(),
    updated_at        timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT orders_client_order_id_key UNIQUE (portfolio_id, client_order_id),
    CONSTRAINT orders_side_check CHECK (side IN ('buy', 'sell')),
    CONSTRAINT orders_type_check CHECK (order_type IN ('market', 'limit', 'stop')),
    CONSTRAINT orders_tif_check CHECK (time_in_force IN ('day', 'gtc', 'ioc', 'fok')),
    CONSTRAINT orders_status_check
        CHECK (status IN ('new', 'partially_filled', 'filled', 'cancelled', 'rejected')),
    CONSTRAINT orders_quantity_check CHECK (quantity > 0 AND filled_quantity >= 0 AND filled_quantity <= quantity),
    CONSTRAINT orders_fill_status_check CHECK (
        (status = 'filled') = (filled_quantity = quantity)
        AND (status <> 'partially_filled' OR filled_quantity > 0)
        AND (status NOT IN ('new', 'rejected') OR filled_quantity = 0)),
    CONSTRAINT orders_reject_check CHECK ((status = 'rejected') = (reject_reason IS NOT NULL)),
    CONSTRAINT orders_prices_check CHECK (
        (order_type <> 'limit' OR limit_price IS NOT NULL) AND (order_type <> 'stop' OR stop_price IS NOT NULL)
        AND (limit_price IS NULL OR (limit_price > 0 AND limit_price < 'Infinity'))
        AND (stop_price IS NULL OR (stop_price > 0 AND stop_price < 'Infinity'))
        AND (exit_stop IS NULL OR (exit_stop > 0 AND exit_stop < 'Infinity'))
        AND (exit_target IS NULL OR (exit_target > 0 AND exit_target < 'Infinity'))),
    CONSTRAINT orders_confidence_check CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
    CONSTRAINT orders_client_order_id_check CHECK (length(client_order_id) BETWEEN 1 AND 64)
);
-- fill_after: the bar (open time) an order was decided on; a paper order fills at the first bar after it, never on it
-- (no look-ahead). ledger.session-orders: a session's trades, newest first
CREATE INDEX orders_session_created_idx ON orders (session_id, created_at DESC);
-- ledger.orders-by-symbol: orders of a symbol in a status, newest first
CREATE INDEX orders_symbol_status_created_idx ON orders (symbol_id, status, created_at DESC);
-- ledger.orders-by-status: a portfolio's orders in a status (open orders, rejections), newest first
CREATE INDEX orders_portfolio_status_created_idx ON orders (portfolio_id, status, created_at DESC);
-- ledger.recent-orders: a portfolio's latest trades
CREATE INDEX orders_portfolio_created_idx ON orders (portfolio_id, created_at DESC);

-- An execution is history: its order cannot be deleted under it. The broker's id is unique, so applying one twice
-- inserts nothing the second time (INSERT … ON CONFLICT DO NOTHING).
CREATE TABLE executions (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id              bigint           NOT NULL REFERENCES orders (id) ON DELETE RESTRICT,
    broker_execution_id   text             NOT NULL,
    quantity              numeric(20,8)    NOT NULL,
    price                 double precision NOT NULL,
    commission            numeric(20,8)    NOT NULL DEFAULT 0,
    fees                  numeric(20,8)    NOT NULL DEFAULT 0,
    executed_at           timestamptz      NOT NULL,
    CONSTRAINT executions_broker_execution_id_key UNIQUE (broker_execution_id),
    CONSTRAINT executions_quantity_check CHECK (quantity > 0),
    CONSTRAINT executions_price_check CHECK (price > 0 AND price < 'Infinity'),
    CONSTRAINT executions_costs_check CHECK (commission >= 0 AND fees >= 0)
);
-- ledger.order-executions: the executions of a page of orders (order_id = ANY)
CREATE INDEX executions_order_idx ON executions (order_id, executed_at);

-- Equity snapshots (cash and equity at the marks of the time): the equity curve, and the day's starting equity the
-- daily loss limit is measured from (ledger.equity-before reads the newest snapshot before a time by the primary key).
CREATE TABLE portfolio_equity (
    portfolio_id  bigint        NOT NULL REFERENCES portfolios (id) ON DELETE CASCADE,
    ts            timestamptz   NOT NULL,
    cash          numeric(20,8) NOT NULL,
    equity        numeric(20,8) NOT NULL,
    CONSTRAINT portfolio_equity_pkey PRIMARY KEY (portfolio_id, ts)
);

-- Positions are derived from executions and belong to their portfolio outright (CASCADE). The average cost is
-- derived from the cost basis (io.dgas.ledger.Position keeps the basis, not a rounded average).
CREATE TABLE positions (
    portfolio_id   bigint           NOT NULL REFERENCES portfolios (id) ON DELETE CASCADE,
    symbol_id      bigint           NOT NULL REFERENCES symbols (id) ON DELETE RESTRICT,
    quantity       numeric(20,8)    NOT NULL,
    cost_basis     numeric(20,8)    NOT NULL,
    average_cost   numeric(20,8)    GENERATED ALWAYS AS (
        CASE WHEN quantity = 0 THEN 0 ELSE round(cost_basis / quantity, 8) END) STORED,
    realized_pnl   numeric(20,8)    NOT NULL DEFAULT 0,
    costs          numeric(20,8)    NOT NULL DEFAULT 0,
    exit_stop      double precision,
    exit_target    double precision,
    updated_at     timestamptz      NOT NULL DEFAULT now(),
    -- ledger.portfolio-positions: positions by portfolio (and symbol, for the upsert)
    CONSTRAINT positions_pkey PRIMARY KEY (portfolio_id, symbol_id),
    CONSTRAINT positions_flat_check CHECK (quantity <> 0 OR cost_basis = 0),
    CONSTRAINT positions_costs_check CHECK (costs >= 0),
    CONSTRAINT positions_exits_check CHECK (
        (exit_stop IS NULL OR (exit_stop > 0 AND exit_stop < 'Infinity'))
        AND (exit_target IS NULL OR (exit_target > 0 AND exit_target < 'Infinity')))
);

CREATE TABLE news_items (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    symbol_id     bigint           NOT NULL REFERENCES symbols (id) ON DELETE RESTRICT,
    published_at  timestamptz      NOT NULL,
    source        text             NOT NULL,
    url           text             NOT NULL,
    headline      text             NOT NULL,
    sentiment     double precision NOT NULL,
    created_at    timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT news_items_url_key UNIQUE (url),
    CONSTRAINT news_items_sentiment_check CHECK (sentiment >= -1 AND sentiment <= 1),
    CONSTRAINT news_items_text_check CHECK (length(source) > 0 AND length(headline) > 0 AND length(url) > 0)
);
-- news.by-symbol-sentiment: a symbol's most positive or negative news
CREATE INDEX news_items_symbol_sentiment_idx ON news_items (symbol_id, sentiment);
-- news.latest: the latest news of all symbols
CREATE INDEX news_items_published_idx ON news_items (published_at DESC);
