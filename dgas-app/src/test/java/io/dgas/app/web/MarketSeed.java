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
     * Reasons of a long signal as the cycle stores them ({@code ReasonsJson}): HTF 4h trend up, support zone
     * 99.00–100.00 (level 99.50) one ATR (0.50) below the close 100.00, resistance 103.00–104.00 above, a C-wave up,
     * R:R 2.0.
     */
    static final String REASONS = "{\"text\": \"LONG MKTA 1h: HTF 4h trend up 0.82, support 99.00–100.00 (3 TFs, w 3.5)"
            + " 1.0 ATR below, C-wave up 4 bars, R:R 2.0\", \"htf\": {\"timeframe\": \"4h\", \"state\": \"trend\","
            + " \"direction\": \"up\", \"confidence\": 0.82}, \"htf_strength\": 0.7, \"trading\": {\"timeframe\":"
            + " \"1h\", \"state\": \"congestion_exit\", \"direction\": \"up\", \"confidence\": 0.6}, \"alignment\":"
            + " {\"total\": 0.8, \"direction\": 1.0, \"state\": 0.6, \"confidence\": 0.7}, \"action\": \"buy\","
            + " \"risk\": \"normal\", \"close\": 100.0, \"zone\": {\"role\": \"support\", \"level\": 99.5,"
            + " \"lower\": 99.0, \"upper\": 100.0, \"timeframes\": 3, \"weight\": 3.5}, \"opposing_zone\":"
            + " {\"role\": \"resistance\", \"level\": 103.5, \"lower\": 103.0, \"upper\": 104.0, \"timeframes\": 2,"
            + " \"weight\": 2.5}, \"events\": [{\"type\": \"c_wave\", \"direction\": \"up\", \"start_bar\": 290,"
            + " \"end_bar\": 294, \"strength\": 0.75}], \"atr\": 0.5, \"reach\": 1.0, \"stop_buffer\": 0.1,"
            + " \"reward_risk\": 2.0, \"target_capped\": true}";

    /**
     * Gives the stored signal of {@code symbol} at {@code ts} the reasons {@code reasons}, a win probability of
     * {@code p} with lower bound {@code lower} from {@code decided} outcomes, and an expiry of 5 bars of {@code tf}.
     */
    static void explain(
            AppContext ctx,
            String symbol,
            Timeframe tf,
            String ts,
            String reasons,
            double p,
            double lower,
            int decided) {
        ctx.database()
                .update(
                        "test.seed-reasons",
                        "UPDATE signals g SET reasons = ?::jsonb, win_probability = ?, win_probability_lower = ?,"
                                + " calibration_decided = ?, expiry_bars = 5, expires_at = g.ts + 6 * ?::interval"
                                + " FROM symbols y WHERE y.id = g.symbol_id AND y.ticker = ? AND g.timeframe = ?"
                                + " AND g.ts = ?::timestamptz",
                        ps -> {
                            ps.setString(1, reasons);
                            ps.setDouble(2, p);
                            ps.setDouble(3, lower);
                            ps.setInt(4, decided);
                            ps.setString(5, tf.seconds() + " seconds");
                            ps.setString(6, symbol);
                            ps.setString(7, tf.code());
                            ps.setString(8, ts);
                        });
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
