package io.dgas.app.trading;

import io.dgas.calc.drummond.DrummondParams;
import io.dgas.calc.drummond.IncrementalAnalyzer;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskLimits;
import io.dgas.ledger.Sizing;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Backtest speed (issue 14, "Benchmark"): bar-steps per second of {@link Backtester#run} on deterministic synthetic
 * random walks, against the engine's own incremental rate measured in the same run on the same bars (an
 * {@link IncrementalAnalyzer} per symbol and timeframe fed the same bars, nothing else). The ratio is the share of
 * the engine's speed a backtest keeps; the goal is at least 0.5. In memory only (storing is not timed). Times are the
 * running thread's CPU time, so other processes' load does not count.
 *
 * <p>A second same-run baseline, the signal engine alone ({@link SignalFeed}: both analyses, ATR and the
 * multi-timeframe {@link io.dgas.calc.drummond.SignalStepper} over the same bars, no ledger), shows where a backtest's
 * time goes: backtest/signal-engine is the share left after the ledger (fills, exits, sizing, limits, equity), so
 * 1 − it is the ledger's own share, while analyzer/signal-engine is what signal generation itself costs.
 */
public final class BacktestBenchmark {
    /** The goal for {@link Figures#ratio()}: a backtest keeps at least half the analyzer's speed. */
    public static final double GOAL = 0.5;

    /**
     * One scenario's figures.
     *
     * @param engineStepsPerSecond the incremental analyzers alone (the baseline)
     * @param ratio backtest / analyzers alone: the goal is ≥ {@link #GOAL}
     * @param signalEngineStepsPerSecond the signal engine alone: analyzers, ATR and signal stepper, no ledger
     * @param signalEngineRatio backtest / signal engine alone: 1 − it is the ledger's share of a backtest's time
     */
    public record Figures(
            String scenario,
            int symbols,
            int barsPerSymbol,
            long barSteps,
            double backtestStepsPerSecond,
            double engineStepsPerSecond,
            double ratio,
            int fills,
            double signalEngineStepsPerSecond,
            double signalEngineRatio) {

        /** Whether the goal (backtest / analyzers alone ≥ 0.5) is met. */
        public boolean goalMet() {
            return ratio >= GOAL;
        }
    }

    private static final long START = 1_262_304_000L; // 2010-01-01T00:00:00Z

    /** Timed rounds per side, taken in turn; the fastest of each side counts. */
    static final int ROUNDS = 5;

    private BacktestBenchmark() {}

    /**
     * Runs one scenario: {@code symbols} walks of {@code bars} {@code trading} bars, the {@code htf} bars aggregated
     * from their complete buckets. Each side runs once to warm the JIT, then the three sides run in turn for
     * {@link #ROUNDS} rounds and each side's fastest round is its figure (as the engine benchmark takes its best
     * round): a burst of load elsewhere slows a round, never speeds one up.
     */
    public static Figures run(String scenario, int symbols, int bars, Timeframe trading, Timeframe htf) {
        Map<String, BarSeries> t = new LinkedHashMap<>();
        Map<String, BarSeries> h = new LinkedHashMap<>();
        for (int k = 0; k < symbols; k++) {
            BarSeries s = walk("B" + k, 31L * k + 7, bars, trading);
            t.put(s.symbol(), s);
            h.put(s.symbol(), BarAggregator.complete(s, htf, s.ts()[s.size() - 1] + trading.seconds()));
        }
        Backtester.Config c = new Backtester.Config(
                trading,
                htf,
                new BigDecimal("1000000"),
                new RiskLimits(new BigDecimal("100000"), new BigDecimal("1000000"), new BigDecimal("50000"), 1000),
                new PaperRules(
                        Sizing.PERCENT_EQUITY, new BigDecimal("5"), 5, new BigDecimal("0.005"), 0, BigDecimal.ONE),
                MtfParams.defaults(),
                SignalParams.defaults());
        // one warm-up of each side (the JIT), then the sides in turn, round by round, so a burst of load on the
        // machine falls on one round of each side at most, not on one side's only timing; the fastest round counts
        Backtester.Result r = Backtester.run(t, h, c);
        engine(t, h);
        signals(t, h, c);
        double engineSec = Double.POSITIVE_INFINITY;
        double signalSec = Double.POSITIVE_INFINITY;
        double btSec = Double.POSITIVE_INFINITY;
        for (int round = 0; round < ROUNDS; round++) {
            long e0 = cpuNanos();
            engine(t, h);
            engineSec = Math.min(engineSec, (cpuNanos() - e0) / 1e9);
            long s0 = cpuNanos();
            signals(t, h, c);
            signalSec = Math.min(signalSec, (cpuNanos() - s0) / 1e9);
            long b0 = cpuNanos();
            r = Backtester.run(t, h, c);
            btSec = Math.min(btSec, (cpuNanos() - b0) / 1e9);
        }
        long steps = (long) symbols * bars;
        double bt = steps / btSec;
        double en = steps / engineSec;
        double sg = steps / signalSec;
        return new Figures(
                scenario, symbols, bars, steps, bt, en, bt / en, r.fills().size(), sg, bt / sg);
    }

    /**
     * This thread's CPU time (wall time where the JVM cannot measure it): on a loaded machine a waiting thread's time
     * is not counted. The garbage collector's own threads are not counted either, on any of the three sides.
     */
    private static long cpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** The signal engine alone: every symbol's {@link SignalFeed} stepped over all its bars, as the backtest does. */
    private static long signals(Map<String, BarSeries> t, Map<String, BarSeries> h, Backtester.Config c) {
        long sink = 0;
        for (Map.Entry<String, BarSeries> e : t.entrySet()) {
            BarSeries s = e.getValue();
            SignalFeed f = new SignalFeed(s, h.get(e.getKey()), c.trading(), c.htf(), c.mtf(), c.signals());
            for (int i = 0; i < s.size(); i++) {
                sink += f.step(i) != null ? 1 : 0;
            }
        }
        return sink;
    }

    /** The engine alone: both timeframes' analyzers fed every bar, as the backtest feeds them. */
    private static long engine(Map<String, BarSeries> t, Map<String, BarSeries> h) {
        long sink = 0;
        for (Map.Entry<String, BarSeries> e : t.entrySet()) {
            sink += feed(e.getValue());
            sink += feed(h.get(e.getKey()));
        }
        return sink;
    }

    private static int feed(BarSeries s) {
        IncrementalAnalyzer a = new IncrementalAnalyzer(s.symbol(), s.timeframe(), DrummondParams.defaults());
        for (int i = 0; i < s.size(); i++) {
            a.append(s.ts()[i], s.open()[i], s.high()[i], s.low()[i], s.close()[i], s.volume()[i]);
        }
        return a.series().size();
    }

    /** A random walk with regime drifts (trends to trade), one bar per timeframe step. */
    static BarSeries walk(String symbol, long seed, int n, Timeframe tf) {
        BarSeries s = new BarSeries(symbol, tf);
        SplittableRandom r = new SplittableRandom(seed);
        double close = 50 + r.nextDouble() * 100;
        double drift = 0;
        for (int i = 0; i < n; i++) {
            if (r.nextInt(40) == 0) {
                drift = (r.nextDouble() - 0.5) * 0.004;
            }
            double open = close;
            close = open * Math.exp(drift + (r.nextDouble() - 0.5) * 0.02);
            double high = Math.max(open, close) * (1 + r.nextDouble() * 0.005);
            double low = Math.min(open, close) * (1 - r.nextDouble() * 0.005);
            s.append(START + i * tf.seconds(), open, high, low, close, 1000);
        }
        return s;
    }
}
