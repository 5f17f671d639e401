package io.dgas.bench;

import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.DrummondAnalyzer;
import io.dgas.domain.BarSeries;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Full single-timeframe analysis (PLdot, envelope, states, six patterns, lines, zones at the last bar). Divide ns/op
 * by {@code bars} for ns/bar. Run: {@code java -jar dgas-bench/target/benchmarks.jar AnalysisBenchmark -wi 2 -i 3 -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AnalysisBenchmark {
    @Param({"1000", "10000", "100000"})
    public int bars;

    private BarSeries series;

    @Setup
    public void setup() {
        series = BenchData.series(bars, 42);
    }

    @Benchmark
    public Object fullAnalysis() {
        DrummondAnalysis a = DrummondAnalyzer.analyze(series);
        return a.zones();
    }
}
