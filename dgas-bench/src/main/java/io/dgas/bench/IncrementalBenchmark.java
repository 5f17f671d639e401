package io.dgas.bench;

import io.dgas.calc.drummond.DrummondParams;
import io.dgas.calc.drummond.IncrementalAnalyzer;
import io.dgas.domain.BarSeries;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Incremental update cost per bar: {@code append} adds {@value #APPENDS} bars, one at a time, to an analyzer holding
 * 10,000 analysed bars (a fresh one for every invocation, built outside the timing), and reports the time per appended
 * bar; {@code replaceLast} replaces the forming last bar of such an analyzer. New bars come from a pre-generated ring.
 *
 * <p>Design notes: the appended bars stay in the series, so timing an unbounded stream of appends (one analyzer per
 * iteration) let the series grow by millions of bars per iteration and timed the copying and collection of
 * gigabyte-sized arrays, which varied from 0.9 to 1.5 µs per bar between iterations. A fresh analyzer per invocation
 * keeps the series at a live symbol's size; the analyzer's amortised array growth is still inside the timing (its
 * arrays double once during an invocation).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IncrementalBenchmark {
    static final int APPENDS = 10_000;
    private static final int RING = 4096;
    private static final double[][] BARS = ring();
    private static final BarSeries HISTORY = BenchData.series(10_000, 11);

    /** An analyzer of {@link #HISTORY}, fresh for every invocation of {@code append}. */
    @State(Scope.Thread)
    public static class Appending {
        IncrementalAnalyzer analyzer;
        long ts;

        @Setup(Level.Invocation)
        public void setup() {
            analyzer = IncrementalAnalyzer.of(HISTORY, DrummondParams.defaults());
            ts = HISTORY.ts()[HISTORY.size() - 1];
        }
    }

    /** An analyzer of {@link #HISTORY} whose last bar keeps being replaced. */
    @State(Scope.Thread)
    public static class Forming {
        IncrementalAnalyzer analyzer;
        long ts;
        int next;

        @Setup(Level.Iteration)
        public void setup() {
            analyzer = IncrementalAnalyzer.of(HISTORY, DrummondParams.defaults());
            ts = HISTORY.ts()[HISTORY.size() - 1];
        }
    }

    @Benchmark
    @OperationsPerInvocation(APPENDS)
    public int append(Appending s) {
        IncrementalAnalyzer a = s.analyzer;
        long ts = s.ts;
        for (int k = 0; k < APPENDS; k++) {
            double[] b = BARS[k & (RING - 1)];
            ts += 3600;
            a.append(ts, b[0], b[1], b[2], b[3], b[4]);
        }
        return a.series().size();
    }

    @Benchmark
    public int replaceLast(Forming s) {
        double[] b = BARS[s.next++ & (RING - 1)];
        s.analyzer.replaceLast(s.ts, b[0], b[1], b[2], b[3], b[4]);
        return s.analyzer.series().size();
    }

    private static double[][] ring() {
        SplittableRandom r = new SplittableRandom(3);
        double[][] ring = new double[RING][];
        double p = 100;
        for (int k = 0; k < RING; k++) {
            ring[k] = BenchData.bar(r, p);
            p = ring[k][3];
        }
        return ring;
    }
}
