-- Daily portfolio performance (issue 14): per portfolio and UTC day, the closing equity (last snapshot of the day),
-- the day's P&L against the previous day's close (the starting capital on the first day), the day's return, the
-- average daily return to date, and the executions (trades) of the day. Refreshed CONCURRENTLY by the maintenance
-- job and `dgas db refresh-views`; the unique index is what CONCURRENTLY requires and serves the reads by portfolio.
CREATE MATERIALIZED VIEW daily_portfolio_performance AS
WITH closes AS (
    SELECT DISTINCT ON (e.portfolio_id, (e.ts AT TIME ZONE 'UTC')::date)
           e.portfolio_id,
           (e.ts AT TIME ZONE 'UTC')::date AS day,
           e.equity
    FROM portfolio_equity e
    ORDER BY e.portfolio_id, (e.ts AT TIME ZONE 'UTC')::date, e.ts DESC
), trades AS (
    SELECT o.portfolio_id, (x.executed_at AT TIME ZONE 'UTC')::date AS day, count(*) AS trades
    FROM executions x JOIN orders o ON o.id = x.order_id
    GROUP BY o.portfolio_id, (x.executed_at AT TIME ZONE 'UTC')::date
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
