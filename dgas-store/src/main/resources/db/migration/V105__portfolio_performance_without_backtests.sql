-- The daily portfolio performance view (V102) held every portfolio, stored backtests' included, and a paper session
-- refreshes it after every cycle: each backtest adds a row per day of its range (3,650 for ten years of daily bars),
-- so with 100 such backtests a refresh took 2.9 s on PostgreSQL 15 (365,000 portfolio-days, most of it the
-- concurrent refresh's comparison of old and new rows), after every cycle and growing with every backtest stored
-- (a parameter sweep stores hundreds). A backtest's portfolio is closed when it is stored and never changes after, so
-- nothing is gained by refreshing it: its days are computed when read, by dgas_portfolio_days (the view's definition
-- for one portfolio: 14 ms for ten years of daily snapshots), and the view holds the trading portfolios alone. Same
-- columns, same rows for them, same unique index; DailyViews reads a backtest's days from the function.
CREATE FUNCTION dgas_portfolio_days(p_id bigint)
    RETURNS TABLE (portfolio_id bigint, day date, equity numeric, pnl numeric, day_return numeric,
                   avg_return numeric, trades bigint)
    LANGUAGE sql STABLE
    -- its index probes are costed high enough for JIT, whose compile time (about 0.3 s) they never repay
    SET jit = off
    -- the schema it was created in: a refresh runs view functions with a search path of pg_catalog alone (PG 17)
    SET search_path FROM CURRENT
AS $$
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
    WHERE p.id = p_id
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
FROM daily d LEFT JOIN portfolio_trades_daily t ON t.portfolio_id = d.portfolio_id AND t.day = d.day
$$;

DROP MATERIALIZED VIEW daily_portfolio_performance;
CREATE MATERIALIZED VIEW daily_portfolio_performance AS
SELECT d.portfolio_id, d.day, d.equity, d.pnl, d.day_return, d.avg_return, d.trades
FROM portfolios p CROSS JOIN LATERAL dgas_portfolio_days(p.id) d
WHERE p.kind <> 'backtest'
WITH DATA;
-- views.portfolio-performance: a portfolio's days in a range
CREATE UNIQUE INDEX daily_portfolio_performance_key_idx ON daily_portfolio_performance (portfolio_id, day);
