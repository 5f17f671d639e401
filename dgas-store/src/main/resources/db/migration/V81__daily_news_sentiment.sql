-- Daily news sentiment per symbol (issue 14): average and count of the news items published on each UTC day.
-- Refreshed CONCURRENTLY with the other views; the unique index is what CONCURRENTLY requires and serves the reads
-- by symbol and day.
CREATE MATERIALIZED VIEW daily_news_sentiment AS
SELECT n.symbol_id,
       (n.published_at AT TIME ZONE 'UTC')::date AS day,
       avg(n.sentiment)                          AS avg_sentiment,
       count(*)                                  AS items
FROM news_items n
GROUP BY n.symbol_id, (n.published_at AT TIME ZONE 'UTC')::date
WITH DATA;
-- views.news-sentiment: a symbol's days in a range
CREATE UNIQUE INDEX daily_news_sentiment_key_idx ON daily_news_sentiment (symbol_id, day);
