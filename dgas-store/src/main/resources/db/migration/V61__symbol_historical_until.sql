-- Historical sample data (the demo's BTCUSD trades of 2013, AAPL's 2013 daily bars) stopped trading at a known
-- time: staleness of such a symbol is judged against that time, not the wall clock, and the collect stage skips it.
ALTER TABLE symbols ADD COLUMN historical_until timestamptz;
