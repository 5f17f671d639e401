package io.dgas.app.web;

import io.dgas.app.AppContext;
import io.dgas.domain.Timeframe;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Runs and signals of the last days for the dashboard pages, written as a finished cycle would store them. */
final class PagesSeed {
    /**
     * The hour the seeds count back from, taken once: a seed written at 00:59 and the expectation a test computes from
     * it at 01:00 must name the same hours (each taking the clock anew, they were an hour apart once in CI).
     */
    private static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS);

    private PagesSeed() {}

    /** The hour {@code hoursAgo} hours before this run's hour, as the bars of {@link #recentBars} are stamped. */
    static Instant hoursAgo(int hoursAgo) {
        return HOUR.minus(hoursAgo, ChronoUnit.HOURS);
    }

    /** {@code n} hourly bars of {@code symbol} ending at the last full hour (a rising wave near {@code base}). */
    static void recentBars(AppContext ctx, String symbol, int n, double base) {
        MarketSeed.wave(ctx, symbol, Timeframe.H1, n, base, hoursAgo(n).toString());
    }

    /**
     * A finished run with the given stage times (ms) and per-symbol errors as a JSON list
     * ({@code [{"symbol": …, "error": …}]}); returns its id.
     */
    static long run(AppContext ctx, String status, double loadMs, double analyseMs, double persistMs, String errors) {
        int failed = errors.split("\"symbol\"", -1).length - 1;
        return ctx.database()
                .queryOne(
                        "test.seed-run",
                        "INSERT INTO prediction_runs (started_at, finished_at, htf_timeframe, trading_timeframe, status,"
                                + " symbols_requested, symbols_processed, symbols_failed, signals_generated, load_ms,"
                                + " analyse_ms, persist_ms, duration_ms, errors, instance) VALUES (now(), now(), '4h',"
                                + " '1h', ?, 3, ?, ?, 0, ?, ?, ?, ?, ?::jsonb, 'test') RETURNING id",
                        ps -> {
                            ps.setString(1, status);
                            ps.setInt(2, 3 - failed);
                            ps.setInt(3, failed);
                            ps.setDouble(4, loadMs);
                            ps.setDouble(5, analyseMs);
                            ps.setDouble(6, persistMs);
                            ps.setDouble(7, loadMs + analyseMs + persistMs);
                            ps.setString(8, errors);
                        },
                        rs -> rs.getLong(1))
                .orElseThrow();
    }

    /**
     * A signal of run {@code runId} on the 1h bar of {@code symbol} {@code hoursAgo} hours back: entry at the bar's
     * close, stop and target 2 % and 4 % away on the side of {@code type}.
     */
    static void signal(AppContext ctx, long runId, String symbol, int hoursAgo, String type, double confidence) {
        ctx.database()
                .update(
                        "test.seed-signal",
                        "INSERT INTO signals (run_id, symbol_id, timeframe, ts, signal_type, entry_price, stop_loss,"
                                + " target_price, confidence, strength, alignment, tier) SELECT ?, b.symbol_id,"
                                + " b.timeframe, b.ts, ?, b.close, CASE WHEN ? = 'short' THEN b.close * 1.02 ELSE"
                                + " b.close * 0.98 END, CASE WHEN ? = 'short' THEN b.close * 0.96 ELSE b.close * 1.04"
                                + " END, ?, 0.5, 0.5, 'medium' FROM bars b JOIN symbols y ON y.id = b.symbol_id WHERE"
                                + " y.ticker = ? AND b.timeframe = '1h' AND b.ts = ?",
                        ps -> {
                            ps.setLong(1, runId);
                            ps.setString(2, type);
                            ps.setString(3, type);
                            ps.setString(4, type);
                            ps.setDouble(5, confidence);
                            ps.setString(6, symbol);
                            ps.setTimestamp(7, java.sql.Timestamp.from(hoursAgo(hoursAgo)));
                        });
    }
}
