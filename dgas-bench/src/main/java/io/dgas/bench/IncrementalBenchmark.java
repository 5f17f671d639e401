package io.dgas.bench;

import io.dgas.calc.drummond.DrummondParams;
import io.dgas.calc.drummond.IncrementalAnalyzer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Incremental update cost: one appended bar ({@code append}) or one replacement of the forming last bar
 * ({@code replaceLast}) on an analyzer that starts each iteration with 10,000 bars. Bars cycle through a pre-generated
 * ring so the measurement allocates nothing but the analyzer's own amortised growth.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IncrementalBenchmark {
    private static final int RING = 4096;
    private final double[][] ring = new double[RING][];
    private IncrementalAnalyzer analyzer;
    private long ts;
    private int next;

    @Setup(Level.Iteration)
    public void setup() {
        SplittableRandom r = new SplittableRandom(3);
        double p = 100;
        for (int k = 0; k < RING; k++) {
            ring[k] = BenchData.bar(r, p);
            p = ring[k][3];
        }
        analyzer = IncrementalAnalyzer.of(BenchData.series(10_000, 11), DrummondParams.defaults());
        ts = analyzer.series().ts()[analyzer.series().size() - 1];
        next = 0;
    }

    @Benchmark
    public int append() {
        double[] b = ring[next++ & (RING - 1)];
        ts += 3600;
        analyzer.append(ts, b[0], b[1], b[2], b[3], b[4]);
        return analyzer.series().size();
    }

    @Benchmark
    public int replaceLast() {
        double[] b = ring[next++ & (RING - 1)];
        analyzer.replaceLast(ts, b[0], b[1], b[2], b[3], b[4]);
        return analyzer.series().size();
    }
}
