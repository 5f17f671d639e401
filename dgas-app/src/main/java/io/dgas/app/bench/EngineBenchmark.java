package io.dgas.app.bench;

import io.dgas.calc.drummond.DrummondParams;
import io.dgas.calc.drummond.EngineRate;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * The engine's full-analysis rate (issue 15): {@link EngineRate} on the seeded random walk of the JMH
 * {@code AnalysisBenchmark} (seed 42, 1h bars around 100), the shipped termination search (zone marks kept across
 * bars) against the search deriving its marks per bar (the build before) and the span-bound pass, in alternating
 * rounds of one run. Timed by the thread's CPU clock when the JVM has one, so time the thread
 * spends waiting for a core on a loaded machine is not counted; otherwise by the wall clock.
 */
public final class EngineBenchmark {
    private static final long START = 1_704_067_200L;

    private EngineBenchmark() {}

    /** The figures with the clock they were taken with ({@code thread-cpu} or {@code wall}). */
    public record Result(EngineRate.Figures figures, String clock) {}

    public static Result run(int bars, int rounds, long roundMillis) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpu = mx.isCurrentThreadCpuTimeSupported();
        if (cpu && !mx.isThreadCpuTimeEnabled()) {
            mx.setThreadCpuTimeEnabled(true);
        }
        LongSupplier clock = cpu ? mx::getCurrentThreadCpuTime : System::nanoTime;
        EngineRate.Figures f =
                EngineRate.measure(walk(bars, 42), DrummondParams.defaults(), rounds, roundMillis * 1_000_000L, clock);
        return new Result(f, cpu ? "thread-cpu" : "wall");
    }

    /** The walk of dgas-bench's {@code BenchData.series}: the same bars as the JMH benchmark. */
    static BarSeries walk(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        BarSeries s = new BarSeries("BENCH", Timeframe.H1, n);
        double p = 100;
        for (int i = 0; i < n; i++) {
            double c = Math.max(1, p + r.nextGaussian() * 0.5);
            double h = Math.max(p, c) + Math.abs(r.nextGaussian()) * 0.25;
            double l = Math.max(0.5, Math.min(p, c) - Math.abs(r.nextGaussian()) * 0.25);
            s.append(START + i * 3600L, p, h, l, c, 1000 + r.nextInt(10_000));
            p = c;
        }
        return s;
    }
}
