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
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Backtest speed (issue 14, "Benchmark"): bar-steps per second of {@link Backtester#run} on deterministic synthetic
 * random walks, against the engine's own incremental rate measured in the same run on the same bars (an
 * {@link IncrementalAnalyzer} per symbol and timeframe fed the same bars, nothing else). The ratio is the share of
 * the engine's speed a backtest keeps; the goal is at least 0.5. In memory only (storing is not timed).
 */
public final class BacktestBenchmark {
    /** One scenario's figures. */
    public record Figures(
            String scenario,
            int symbols,
            int barsPerSymbol,
            long barSteps,
            double backtestStepsPerSecond,
            double engineStepsPerSecond,
            double ratio,
            int fills) {}

    private static final long START = 1_262_304_000L; // 2010-01-01T00:00:00Z

    private BacktestBenchmark() {}

    /**
     * Runs one scenario: {@code symbols} walks of {@code bars} {@code trading} bars, the {@code htf} bars aggregated
     * from their complete buckets. Each side runs twice and the second run is timed (the first warms the JIT).
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
        engine(t, h);
        long e0 = System.nanoTime();
        engine(t, h);
        double engineSec = (System.nanoTime() - e0) / 1e9;
        Backtester.run(t, h, c);
        long b0 = System.nanoTime();
        Backtester.Result r = Backtester.run(t, h, c);
        double btSec = (System.nanoTime() - b0) / 1e9;
        long steps = (long) symbols * bars;
        double bt = steps / btSec;
        double en = steps / engineSec;
        return new Figures(
                scenario, symbols, bars, steps, bt, en, bt / en, r.fills().size());
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
