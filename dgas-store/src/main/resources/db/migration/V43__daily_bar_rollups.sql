-- Daily OHLCV per symbol and source timeframe (UTC days), refreshed CONCURRENTLY by the maintenance job; the unique
-- index is what REFRESH MATERIALIZED VIEW CONCURRENTLY requires.
CREATE MATERIALIZED VIEW daily_bar_rollups AS
SELECT symbol_id,
       timeframe,
       (ts AT TIME ZONE 'UTC')::date              AS day,
       (array_agg(open ORDER BY ts))[1]           AS open,
       max(high)                                  AS high,
       min(low)                                   AS low,
       (array_agg(close ORDER BY ts DESC))[1]     AS close,
       sum(volume)                                AS volume,
       count(*)                                   AS bar_count
FROM bars
WHERE deleted_at IS NULL
GROUP BY symbol_id, timeframe, (ts AT TIME ZONE 'UTC')::date
WITH DATA;
CREATE UNIQUE INDEX daily_bar_rollups_key_idx ON daily_bar_rollups (symbol_id, timeframe, day);
