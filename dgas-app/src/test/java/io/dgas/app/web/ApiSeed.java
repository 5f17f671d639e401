package io.dgas.app.web;

import io.dgas.store.Database;

/** Rows for API tests, written with plain SQL so that a test does not depend on the cycle. */
final class ApiSeed {
    private ApiSeed() {}

    /**
     * {@code n} symbols {@code <prefix>1..n} (named "<prefix> Corp k"), each with one finished run's signal at
     * confidence k/(n+1), alternately long and short; and {@code n} runs, the first with an error for {@code <prefix>1}.
     */
    static void symbolsRunsSignals(Database db, String prefix, int n) {
        db.update(
                "test.seed-symbols",
                "INSERT INTO symbols (ticker, name) SELECT ? || g, ? || ' Corp ' || g FROM generate_series(1, ?) g",
                ps -> {
                    ps.setString(1, prefix);
                    ps.setString(2, prefix);
                    ps.setInt(3, n);
                });
        db.update(
                "test.seed-runs",
                "INSERT INTO prediction_runs (started_at, finished_at, htf_timeframe, trading_timeframe, status,"
                        + " symbols_requested, symbols_processed, symbols_failed, load_ms, analyse_ms, persist_ms,"
                        + " duration_ms, errors, instance) SELECT timestamptz '2025-01-01' + g * interval '1 hour',"
                        + " timestamptz '2025-01-01' + g * interval '1 hour' + interval '1 second', '4h', '1h',"
                        + " CASE WHEN g = 1 THEN 'partial' ELSE 'success' END, 2, 1, CASE WHEN g = 1 THEN 1 ELSE 0"
                        + " END, 1.5, 2.5, 3.5, 9, CASE WHEN g = 1 THEN jsonb_build_array(jsonb_build_object("
                        + "'symbol', ? || '1', 'error', 'no bars')) ELSE '[]'::jsonb END, 'test'"
                        + " FROM generate_series(1, ?) g",
                ps -> {
                    ps.setString(1, prefix);
                    ps.setInt(2, n);
                });
        db.update(
                "test.seed-signals",
                "INSERT INTO signals (run_id, symbol_id, timeframe, ts, signal_type, entry_price, stop_loss,"
                        + " target_price, confidence, strength, alignment) SELECT (SELECT max(id) FROM"
                        + " prediction_runs), y.id, '1h', timestamptz '2025-02-01' + g * interval '1 hour',"
                        + " CASE WHEN g % 2 = 0 THEN 'long' ELSE 'short' END, 100, 95, 110, g::float8 / (? + 1),"
                        + " 0.5, 0.5 FROM generate_series(1, ?) g JOIN symbols y ON y.ticker = ? || g",
                ps -> {
                    ps.setInt(1, n);
                    ps.setInt(2, n);
                    ps.setString(3, prefix);
                });
    }
}
