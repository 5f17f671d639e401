package io.dgas.bench;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.SplittableRandom;

/** Seeded random-walk bars shared by every benchmark, so all contenders see the same data. */
final class BenchData {
    static final long START = 1_704_067_200L;

    private BenchData() {}

    static BarSeries series(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        BarSeries s = new BarSeries("BENCH", Timeframe.H1, n);
        double p = 100;
        for (int i = 0; i < n; i++) {
            double[] b = bar(r, p);
            s.append(START + i * 3600L, b[0], b[1], b[2], b[3], b[4]);
            p = b[3];
        }
        return s;
    }

    static double[] bar(SplittableRandom r, double p) {
        double c = Math.max(1, p + r.nextGaussian() * 0.5);
        double h = Math.max(p, c) + Math.abs(r.nextGaussian()) * 0.25;
        double l = Math.max(0.5, Math.min(p, c) - Math.abs(r.nextGaussian()) * 0.25);
        return new double[] {p, h, l, c, 1000 + r.nextInt(10_000)};
    }
}
