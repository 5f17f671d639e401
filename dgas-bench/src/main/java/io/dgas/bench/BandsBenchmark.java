package io.dgas.bench;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MInteger;
import io.dgas.calc.drummond.EnvelopeParams;
import io.dgas.calc.drummond.PlDotBands;
import io.dgas.domain.BarSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.TypicalPriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/**
 * PLdot + 3-bar standard-deviation bands on the same bars, four ways: a plain one-pass loop over double[] (the
 * floor), dgas' PLdot + pldot_range envelope, TA-Lib's Java port (SMA(3) of typical price, STDDEV(3) × 1.5; TA-Lib's
 * STDDEV is the population deviation) and ta4j 0.15 with DoubleNum (SMA(3) of typical price,
 * StandardDeviationIndicator(3), also population). Outputs go to preallocated arrays except where a library
 * allocates its own. Divide ns/op by {@code bars} for ns/bar.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BandsBenchmark {
    @Param({"10000"})
    public int bars;

    private double[] high;
    private double[] low;
    private double[] close;
    private double[] tp;
    private double[] pldot;
    private double[] upper;
    private double[] lower;
    private double[] sd;
    private org.ta4j.core.BarSeries ta4jSeries;
    private final Core core = new Core();
    private final EnvelopeParams envelope = EnvelopeParams.defaults();

    @Setup
    public void setup() {
        BarSeries s = BenchData.series(bars, 5);
        high = s.high();
        low = s.low();
        close = s.close();
        tp = new double[bars];
        pldot = new double[bars];
        upper = new double[bars];
        lower = new double[bars];
        sd = new double[bars];
        ta4jSeries = new BaseBarSeriesBuilder()
                .withName("b")
                .withNumTypeOf(DoubleNum.class)
                .build();
        ZonedDateTime t = ZonedDateTime.ofInstant(Instant.ofEpochSecond(BenchData.START), ZoneOffset.UTC);
        for (int i = 0; i < bars; i++) {
            ta4jSeries.addBar(
                    Duration.ofHours(1), t.plusHours(i + 1), s.open()[i], high[i], low[i], close[i], s.volume()[i]);
        }
    }

    @Benchmark
    public double plainLoop() {
        double t0 = 0;
        double t1 = 0;
        double p0 = 0;
        double p1 = 0;
        for (int i = 0; i < bars; i++) {
            double t2 = (high[i] + low[i] + close[i]) / 3.0;
            if (i >= 2) {
                double p2 = (t0 + t1 + t2) / 3.0;
                pldot[i] = p2;
                if (i >= 4) {
                    double m = (p0 + p1 + p2) / 3.0;
                    double d0 = p0 - m;
                    double d1 = p1 - m;
                    double d2 = p2 - m;
                    double off = Math.sqrt((d0 * d0 + d1 * d1 + d2 * d2) / 2.0) * 1.5;
                    upper[i] = p2 + off;
                    lower[i] = p2 - off;
                }
                p0 = p1;
                p1 = p2;
            }
            t0 = t1;
            t1 = t2;
        }
        return upper[bars - 1];
    }

    @Benchmark
    public double dgasPldotBands() {
        PlDotBands.compute(high, low, close, bars, envelope.multiplier(), pldot, upper, lower);
        return upper[bars - 1];
    }

    @Benchmark
    public double talib() {
        for (int i = 0; i < bars; i++) {
            tp[i] = (high[i] + low[i] + close[i]) / 3.0;
        }
        MInteger begin = new MInteger();
        MInteger count = new MInteger();
        core.sma(0, bars - 1, tp, 3, begin, count, pldot);
        MInteger begin2 = new MInteger();
        MInteger count2 = new MInteger();
        core.stdDev(0, count.value - 1, pldot, 3, 1.5, begin2, count2, sd);
        // TA-Lib writes outputs compacted from index 0: sd[k] belongs to pldot[k + begin2], i.e. bar k + begin2 + begin
        for (int k = 0; k < count2.value; k++) {
            int idx = k + begin2.value;
            upper[idx + begin.value] = pldot[idx] + sd[k];
            lower[idx + begin.value] = pldot[idx] - sd[k];
        }
        return upper[bars - 1];
    }

    @Benchmark
    public double ta4j() {
        SMAIndicator sma = new SMAIndicator(new TypicalPriceIndicator(ta4jSeries), 3);
        StandardDeviationIndicator std = new StandardDeviationIndicator(sma, 3);
        Num k = DoubleNum.valueOf(1.5);
        double last = 0;
        for (int i = 0; i < bars; i++) {
            Num c = sma.getValue(i);
            Num off = std.getValue(i).multipliedBy(k);
            upper[i] = c.plus(off).doubleValue();
            lower[i] = c.minus(off).doubleValue();
            last = upper[i];
        }
        return last;
    }
}
