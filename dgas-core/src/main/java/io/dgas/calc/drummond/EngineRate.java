package io.dgas.calc.drummond;

import io.dgas.domain.BarSeries;
import java.util.function.LongSupplier;

/**
 * The full single-timeframe analysis rate (every output of {@link DrummondAnalyzer#analyze} plus the zones at the
 * last bar), measured for the engine as shipped and, in the same run, with the termination search deriving its zone
 * marks per bar over its pass (the build before) and cut only by its span bound (the former exact pass): rounds
 * alternate between the paths so that load from other processes falls on all alike, and each figure is the fastest
 * round (the least disturbed). Every path must give the same events; a difference fails the measurement.
 */
public final class EngineRate {
    /** The goal for the full analysis of issue 15, in ns per bar. */
    public static final double GOAL_NS_PER_BAR = 500;

    private EngineRate() {}

    /**
     * Figures of one measurement.
     *
     * @param bars bars per analysis
     * @param rounds rounds per path
     * @param nsPerBar the shipped engine, fastest round
     * @param perBarMarksNsPerBar the search deriving its zone marks per bar (the build before), fastest round
     * @param spanBoundNsPerBar the span-bound search, fastest round
     * @param events pattern events per analysis (the same on every path)
     */
    public record Figures(
            int bars, int rounds, double nsPerBar, double perBarMarksNsPerBar, double spanBoundNsPerBar, int events) {
        /** How many times faster the shipped engine is than the build before. */
        public double speedup() {
            return perBarMarksNsPerBar / nsPerBar;
        }

        public boolean goalMet() {
            return nsPerBar <= GOAL_NS_PER_BAR;
        }
    }

    /**
     * Measures {@code rounds} alternating rounds per path over {@code series}, each round analysing the series
     * repeatedly for at least {@code roundNanos} by {@code clock}.
     *
     * @throws IllegalStateException when the two paths disagree (a defect, never load)
     */
    public static Figures measure(
            BarSeries series, DrummondParams params, int rounds, long roundNanos, LongSupplier clock) {
        DrummondAnalyzer.requireBars(series);
        double best = Double.POSITIVE_INFINITY;
        double bestPerBar = Double.POSITIVE_INFINITY;
        double bestSpan = Double.POSITIVE_INFINITY;
        int events = -1;
        for (int r = 0; r < rounds; r++) {
            best = Math.min(best, round(series, params, Path.SHIPPED, roundNanos, clock));
            bestPerBar = Math.min(bestPerBar, round(series, params, Path.PER_BAR_MARKS, roundNanos, clock));
            bestSpan = Math.min(bestSpan, round(series, params, Path.SPAN_BOUND, roundNanos, clock));
            int a = run(series, params, Path.SHIPPED).patterns().size();
            int b = run(series, params, Path.PER_BAR_MARKS).patterns().size();
            int c = run(series, params, Path.SPAN_BOUND).patterns().size();
            if (a != b || a != c) {
                throw new IllegalStateException(
                        "the termination searches disagree: " + a + " vs " + b + " vs " + c + " events");
            }
            events = a;
        }
        int n = series.size();
        return new Figures(n, rounds, best / n, bestPerBar / n, bestSpan / n, events);
    }

    /** The engine paths measured. */
    private enum Path {
        SHIPPED,
        PER_BAR_MARKS,
        SPAN_BOUND
    }

    private static double round(BarSeries s, DrummondParams params, Path path, long nanos, LongSupplier clock) {
        long start = clock.getAsLong();
        double best = Double.POSITIVE_INFINITY;
        long sink = 0;
        do {
            long t = clock.getAsLong();
            DrummondAnalysis a = run(s, params, path);
            sink += a.zones().size();
            best = Math.min(best, clock.getAsLong() - t);
        } while (clock.getAsLong() - start < nanos);
        return sink == Long.MIN_VALUE ? Double.NaN : best;
    }

    private static DrummondAnalysis run(BarSeries s, DrummondParams params, Path path) {
        DrummondEngine engine =
                new DrummondEngine(s.head(s.size()), params, path != Path.SPAN_BOUND, true, path == Path.SHIPPED);
        engine.advance();
        return new DrummondAnalysis(engine);
    }
}
