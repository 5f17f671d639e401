package io.dgas.app.web;

import io.dgas.app.AppContext;
import io.dgas.domain.Timeframe;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.testkit.BarsBuilder;
import java.io.StringReader;

/** Bar series for the analysis endpoint and the market page, ingested through the real ingest path. */
final class MarketSeed {
    private MarketSeed() {}

    /**
     * {@code n} bars of {@code symbol} at {@code tf} from 2025-01-06: a rising wave around {@code base}, so the
     * analysis has trends, congestion and zones.
     */
    static void wave(AppContext ctx, String symbol, Timeframe tf, int n, double base) {
        wave(ctx, symbol, tf, n, base, "2025-01-06T00:00:00Z");
    }

    /** {@link #wave} from {@code start} (an ISO instant). */
    static void wave(AppContext ctx, String symbol, Timeframe tf, int n, double base, String start) {
        double[] closes = new double[n];
        for (int i = 0; i < n; i++) {
            closes[i] = base * (1 + 0.0015 * i + 0.04 * Math.sin(i / 7.0) + 0.01 * Math.sin(i * 1.3));
        }
        String csv = BarsBuilder.of(symbol, tf, start).closes(closes).csv();
        new BarIngestor(ctx.database(), ctx.ingestListener())
                .ingest(
                        symbol + ".csv",
                        new StringReader(csv),
                        null,
                        IngestOptions.defaults().withCreateSymbols(true));
    }

    /**
     * A finished run with one long signal of {@code symbol} at {@code tf} on the bar at {@code ts}: entry at that
     * bar's close, stop 2 % below, target 4 % above, confidence 0.72.
     */
    static void storedLong(AppContext ctx, String symbol, Timeframe tf, String ts) {
        ctx.database()
                .update(
                        "test.seed-run",
                        "INSERT INTO prediction_runs (started_at, finished_at, htf_timeframe, trading_timeframe, status,"
                                + " symbols_requested, symbols_processed, symbols_failed, load_ms, analyse_ms,"
                                + " persist_ms, duration_ms, errors, instance) VALUES (now(), now(), '4h', ?,"
                                + " 'success', 1, 1, 0, 1, 1, 1, 3, '[]'::jsonb, 'test')",
                        ps -> ps.setString(1, tf.code()));
        ctx.database()
                .update(
                        "test.seed-signal",
                        "INSERT INTO signals (run_id, symbol_id, timeframe, ts, signal_type, entry_price, stop_loss,"
                                + " target_price, confidence, strength, alignment, tier) SELECT (SELECT max(id) FROM"
                                + " prediction_runs), b.symbol_id, b.timeframe, b.ts, 'long', b.close, b.close * 0.98,"
                                + " b.close * 1.04, 0.72, 0.6, 0.8, 'medium' FROM bars b JOIN symbols y ON y.id ="
                                + " b.symbol_id WHERE y.ticker = ? AND b.timeframe = ? AND b.ts = ?::timestamptz",
                        ps -> {
                            ps.setString(1, symbol);
                            ps.setString(2, tf.code());
                            ps.setString(3, ts);
                        });
    }
}
