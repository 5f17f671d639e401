package io.dgas.app.web;

import io.dgas.app.AppContext;
import io.dgas.app.demo.SyntheticBars;
import io.dgas.calc.drummond.Signal;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarRollup;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.testkit.BarsBuilder;
import java.io.StringReader;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Bar series for the analysis endpoint and the market page, ingested through the real ingest path. */
final class MarketSeed {
    private MarketSeed() {}

    /**
     * Bars of {@code symbol} (created if new) at {@code tf} opening at {@code times}, each (10, 11, 9, 10.5, 1): the
     * bars {@code EodhdFixtureServer.dailyBars} serves, so a fetched bar equal to a stored one loads unchanged.
     */
    static void flat(AppContext ctx, String symbol, Timeframe tf, List<Instant> times) {
        StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        for (Instant t : times) {
            csv.append(t)
                    .append(',')
                    .append(symbol)
                    .append(',')
                    .append(tf.code())
                    .append(",10,11,9,10.5,1\n");
        }
        ctx.ingest()
                .bars(
                        symbol + ".csv",
                        csv.toString(),
                        ctx.ingest().options(java.time.ZoneOffset.UTC).withCreateSymbols(true));
    }

    /** The opens of {@code days} of July 2024 ("01" … "31") at 00:00 UTC. */
    static List<Instant> july(List<String> days) {
        return days.stream()
                .map(d -> Instant.parse("2024-07-" + d + "T00:00:00Z"))
                .toList();
    }

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
     * A seeded synthetic universe ({@code SYN0001…}, seed 7) of {@code symbols} symbols with {@code bars} hourly bars
     * ending at the current hour, rolled up to 4h: enough for the 4h/1h cycle to store signals.
     */
    static void syntheticUniverse(AppContext ctx, int symbols, int bars) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        new BarIngestor(ctx.database(), IngestListener.NONE)
                .ingest(
                        "synthetic",
                        new SyntheticBars(symbols, bars, Timeframe.H1, end, 7),
                        null,
                        IngestOptions.defaults().withCreateSymbols(true));
        new BarRollup(ctx.database(), IngestListener.NONE)
                .fromBars(List.of(), Timeframe.H1, List.of(Timeframe.H4), false, null);
    }

    /**
     * Evaluates the alert rules with a high-confidence long signal of {@code symbol} now (entry 100, stop 98, target
     * 104, confidence 0.9) and waits up to 10 s for the deliveries: the signal rules on that symbol fire.
     */
    static void fireSignalAlerts(AppContext ctx, String symbol) throws Exception {
        ctx.alerts()
                .evaluate(
                        List.of(new Signal(
                                symbol,
                                1,
                                Instant.now().getEpochSecond(),
                                Signal.Type.LONG,
                                100,
                                98,
                                104,
                                0.9,
                                0.5,
                                0.7,
                                Signal.Tier.HIGH,
                                false)),
                        List.of())
                .delivered()
                .get(10, TimeUnit.SECONDS);
    }

    /** ATR(14) the derived reasons state: 0.5 % of the close. */
    static double atr(double close) {
        return close * 0.005;
    }

    /**
     * Reasons as the cycle stores them ({@code ReasonsJson}) for a signal of {@code symbol} at {@code tf} entering at
     * the close {@code close} with the stored {@code stop} and {@code target}: HTF 4h trending the signal's way, the
     * zone used spanning from the close two ATR away on the signal's side (level one ATR away), the opposing zone six to
     * eight ATR the other way, a C-wave, and the R:R of the stored prices.
     */
    static String reasons(String symbol, Timeframe tf, boolean isLong, double close, double stop, double target) {
        double atr = atr(close);
        double side = isLong ? -1 : 1;
        double zoneFar = close + side * 2 * atr;
        double oppNear = close - side * 6 * atr;
        double oppFar = close - side * 8 * atr;
        double rr = Math.abs(target - close) / Math.abs(close - stop);
        String dir = isLong ? "up" : "down";
        String role = isLong ? "support" : "resistance";
        String text = String.format(
                Locale.ROOT,
                "%s %s %s: HTF 4h trend %s 0.82, %s %.2f–%.2f (3 TFs, w 3.5) 1.0 ATR %s, C-wave %s 4 bars, R:R %.1f",
                isLong ? "LONG" : "SHORT",
                symbol,
                tf.code(),
                dir,
                role,
                Math.min(close, zoneFar),
                Math.max(close, zoneFar),
                isLong ? "below" : "above",
                dir,
                rr);
        return String.format(
                Locale.ROOT,
                "{\"text\": \"%s\", \"htf\": {\"timeframe\": \"4h\", \"state\": \"trend\", \"direction\": \"%s\","
                        + " \"confidence\": 0.82}, \"htf_strength\": 0.7, \"trading\": {\"timeframe\": \"%s\", \"state\":"
                        + " \"congestion_exit\", \"direction\": \"%s\", \"confidence\": 0.6}, \"alignment\": {\"total\":"
                        + " 0.8, \"direction\": 1.0, \"state\": 0.6, \"confidence\": 0.7}, \"action\": \"%s\", \"risk\":"
                        + " \"normal\", \"close\": %s, \"zone\": {\"role\": \"%s\", \"level\": %s, \"lower\": %s,"
                        + " \"upper\": %s, \"timeframes\": 3, \"weight\": 3.5}, \"opposing_zone\": {\"role\": \"%s\","
                        + " \"level\": %s, \"lower\": %s, \"upper\": %s, \"timeframes\": 2, \"weight\": 2.5},"
                        + " \"events\": [{\"type\": \"c_wave\", \"direction\": \"%s\", \"start_bar\": 290, \"end_bar\":"
                        + " 294, \"strength\": 0.75}], \"atr\": %s, \"reach\": 1.0, \"stop_buffer\": 0.1,"
                        + " \"reward_risk\": %s, \"target_capped\": true}",
                text,
                dir,
                tf.code(),
                dir,
                isLong ? "buy" : "sell",
                close,
                role,
                close + side * atr,
                Math.min(close, zoneFar),
                Math.max(close, zoneFar),
                isLong ? "resistance" : "support",
                close - side * 7 * atr,
                Math.min(oppNear, oppFar),
                Math.max(oppNear, oppFar),
                dir,
                atr,
                rr);
    }

    /** The zone-used line of the breakdown the pages print for {@link #reasons} of a signal entering at {@code close}. */
    static String zoneLine(boolean isLong, double close) {
        double atr = atr(close);
        double far = close + (isLong ? -2 : 2) * atr;
        return String.format(
                Locale.ROOT,
                "%s %.2f–%.2f (level %.2f, 3 TFs, weight 3.5), 1.0 ATR %s the close",
                isLong ? "support" : "resistance",
                Math.min(close, far),
                Math.max(close, far),
                close + (isLong ? -1 : 1) * atr,
                isLong ? "below" : "above");
    }

    /** The opposing-zone line of the breakdown for {@link #reasons} of a signal entering at {@code close}. */
    static String opposingLine(boolean isLong, double close) {
        double atr = atr(close);
        double near = close + (isLong ? 6 : -6) * atr;
        double far = close + (isLong ? 8 : -8) * atr;
        return String.format(
                Locale.ROOT,
                "%s %.2f–%.2f (level %.2f, 2 TFs, weight 2.5), 7.0 ATR %s the close",
                isLong ? "resistance" : "support",
                Math.min(near, far),
                Math.max(near, far),
                close + (isLong ? 7 : -7) * atr,
                isLong ? "above" : "below");
    }

    /**
     * Gives the stored signal of {@code symbol} at {@code ts} the {@link #reasons} derived from its own type, entry, stop
     * and target, a win probability of {@code p} with lower bound {@code lower} from {@code decided} outcomes of every setting, and an
     * expiry of 5 bars of {@code tf}; returns its entry price (the close the reasons are stated against).
     */
    static double explain(AppContext ctx, String symbol, Timeframe tf, String ts, double p, double lower, int decided) {
        double[] stored = ctx.database()
                .queryOne(
                        "test.seed-signal-prices",
                        "SELECT CASE WHEN g.signal_type = 'long' THEN 1 ELSE 0 END, g.entry_price, g.stop_loss,"
                                + " g.target_price FROM signals g JOIN symbols y ON y.id = g.symbol_id WHERE"
                                + " y.ticker = ? AND g.timeframe = ? AND g.ts = ?::timestamptz",
                        ps -> {
                            ps.setString(1, symbol);
                            ps.setString(2, tf.code());
                            ps.setString(3, ts);
                        },
                        rs -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)})
                .orElseThrow(() -> new AssertionError("no stored signal of " + symbol + " " + tf + " at " + ts));
        String reasons = reasons(symbol, tf, stored[0] == 1, stored[1], stored[2], stored[3]);
        ctx.database()
                .update(
                        "test.seed-reasons",
                        "UPDATE signals g SET reasons = ?::jsonb, win_probability = ?, win_probability_lower = ?,"
                                + " calibration_decided = ?, calibration_scope = 'all', expiry_bars = 5,"
                                + " expires_at = g.ts + 6 * ?::interval"
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
        return stored[1];
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
