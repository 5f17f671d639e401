-- Daily portfolio performance (V80) was recomputed from every equity snapshot and every execution at each refresh, and
-- a paper session refreshes it after every cycle: with one-minute cycles a portfolio gains 525,600 snapshots a year
-- (a stored backtest one per bar, and its fills), so each cycle sorted all of them (0.4-0.7 s at one portfolio-year on
-- PostgreSQL 15, growing for ever). Now:
-- - each day's close is one backward probe of the primary key (portfolio_id, ts) per portfolio and day between the
--   portfolio's first and last snapshot (9-11 ms for the same year; days without a snapshot have no row, as before);
-- - the executions of each portfolio and day are counted as they are written (portfolio_trades_daily, kept by
--   statement triggers on executions: rows inserted add, rows deleted subtract; executions are never updated).
-- Same columns, rows and unique index; MaterializedViews refreshes it with JIT off (its compile time, about 0.3 s,
-- is what the planner's estimate of these probes would otherwise buy).
CREATE TABLE portfolio_trades_daily (
    portfolio_id bigint NOT NULL REFERENCES portfolios (id) ON DELETE CASCADE,
    day          date   NOT NULL,
    trades       bigint NOT NULL CHECK (trades >= 0),
    PRIMARY KEY (portfolio_id, day)
);
INSERT INTO portfolio_trades_daily (portfolio_id, day, trades)
SELECT o.portfolio_id, (x.executed_at AT TIME ZONE 'UTC')::date, count(*)
FROM executions x JOIN orders o ON o.id = x.order_id
GROUP BY 1, 2;

CREATE FUNCTION dgas_count_trades() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO portfolio_trades_daily AS t (portfolio_id, day, trades)
        SELECT o.portfolio_id, (n.executed_at AT TIME ZONE 'UTC')::date, count(*)
        FROM added n JOIN orders o ON o.id = n.order_id
        GROUP BY 1, 2
        ON CONFLICT (portfolio_id, day) DO UPDATE SET trades = t.trades + EXCLUDED.trades;
    ELSE
        UPDATE portfolio_trades_daily t SET trades = t.trades - r.n
        FROM (SELECT o.portfolio_id, (d.executed_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n
              FROM removed d JOIN orders o ON o.id = d.order_id
              GROUP BY 1, 2) r
        WHERE t.portfolio_id = r.portfolio_id AND t.day = r.day;
        DELETE FROM portfolio_trades_daily WHERE trades = 0;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER executions_count_added AFTER INSERT ON executions
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION dgas_count_trades();
CREATE TRIGGER executions_count_removed AFTER DELETE ON executions
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION dgas_count_trades();

DROP MATERIALIZED VIEW daily_portfolio_performance;
CREATE MATERIALIZED VIEW daily_portfolio_performance AS
WITH closes AS (
    SELECT p.id AS portfolio_id, g.day::date AS day, c.equity
    FROM portfolios p
    CROSS JOIN LATERAL (SELECT min(ts) AS lo, max(ts) AS hi FROM portfolio_equity WHERE portfolio_id = p.id) b
    CROSS JOIN LATERAL generate_series((b.lo AT TIME ZONE 'UTC')::date::timestamp,
                                       (b.hi AT TIME ZONE 'UTC')::date::timestamp,
                                       interval '1 day') AS g(day)
    CROSS JOIN LATERAL (
        SELECT e.equity
        FROM portfolio_equity e
        WHERE e.portfolio_id = p.id
          AND e.ts >= g.day AT TIME ZONE 'UTC'
          AND e.ts < (g.day + interval '1 day') AT TIME ZONE 'UTC'
        ORDER BY e.ts DESC
        LIMIT 1) c
), trades AS (
    SELECT portfolio_id, day, trades FROM portfolio_trades_daily
), daily AS (
    SELECT c.portfolio_id,
           c.day,
           c.equity,
           coalesce(lag(c.equity) OVER w, p.starting_capital) AS previous
    FROM closes c JOIN portfolios p ON p.id = c.portfolio_id
    WINDOW w AS (PARTITION BY c.portfolio_id ORDER BY c.day)
)
SELECT d.portfolio_id,
       d.day,
       d.equity                                                        AS equity,
       d.equity - d.previous                                           AS pnl,
       CASE WHEN d.previous = 0 THEN 0 ELSE (d.equity - d.previous) / d.previous END AS day_return,
       avg(CASE WHEN d.previous = 0 THEN 0 ELSE (d.equity - d.previous) / d.previous END)
           OVER (PARTITION BY d.portfolio_id ORDER BY d.day)           AS avg_return,
       coalesce(t.trades, 0)                                           AS trades
FROM daily d LEFT JOIN trades t ON t.portfolio_id = d.portfolio_id AND t.day = d.day
WITH DATA;
-- views.portfolio-performance: a portfolio's days in a range
CREATE UNIQUE INDEX daily_portfolio_performance_key_idx ON daily_portfolio_performance (portfolio_id, day);
