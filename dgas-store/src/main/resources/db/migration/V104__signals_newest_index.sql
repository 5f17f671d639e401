-- signals.filtered: the signals list (the dashboard's signals page, GET /api/v1/signals, dgas monitor signals), newest
-- first with a limit. Without an index in that order every read sorted every current signal: 140-340 ms at 500,000
-- signals on PostgreSQL 15 (a parallel scan and a top-N sort), at the first read after every cycle (the signals cache
-- region is dropped when a run stores signals). Walked in order and stopped at the page: 0.1 ms.
CREATE INDEX signals_newest_idx ON signals (ts DESC, confidence DESC, id DESC) WHERE superseded_at IS NULL;
