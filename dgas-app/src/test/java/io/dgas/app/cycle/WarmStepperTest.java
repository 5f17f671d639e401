package io.dgas.app.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.Signal;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.calc.drummond.SignalStepper;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarColumns;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The warm signal through the stepper {@link HeldSymbol} keeps per trading timeframe, cycle after cycle: appended bars,
 * a forming bar replaced (the stepper is called again at the same bar index with the bar's lines at new prices: its
 * zone indexes and higher-timeframe candidates must see the change), a corrected bar (the series is rebuilt: a new
 * stepper) and compactions (indices go back: a new stepper) each give the signal of the full recomputation.
 */
class WarmStepperTest {
    private static final int WINDOW = 60;
    private static final long START = 1_700_000_000L / 14_400 * 14_400;
    private static final SymbolAnalyzer ANALYZER = new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults());

    @Test
    void stepper_appendsReplacedFormingBarsAndCorrections_equalFullRecomputationEachCycle() {
        SplittableRandom r = new SplittableRandom(7);
        Stored trading = new Stored(Timeframe.H1, START, r);
        Stored higher = new Stored(Timeframe.H4, START - 40 * Timeframe.H4.seconds(), r);
        trading.append(30);
        higher.append(40);
        HeldSymbol held = new HeldSymbol("S");
        WarmSeries t = trading.rebuild();
        WarmSeries h = higher.rebuild();
        int signals = 0;
        int signalChangedByReplacement = 0;
        int steppersRenewed = 0;
        SignalStepper last = null;
        Signal before = null;
        for (int cycle = 0; cycle < 1500; cycle++) {
            int op = r.nextInt(10);
            boolean replaced = false;
            if (op < 5) { // a new bar (the higher timeframe gains one every fourth)
                trading.append(1);
                if (trading.bars.size() % 4 == 0) {
                    higher.append(1);
                    assertThat(h.apply(higher.since(h.lastTs()))).isTrue();
                }
                assertThat(t.apply(trading.since(t.lastTs()))).isTrue();
            } else if (op < 8) { // the forming bar moves, far enough to change its lines and often the signal
                trading.replaceLast();
                assertThat(t.apply(trading.since(t.lastTs()))).isTrue();
                replaced = true;
            } else if (op < 9) { // the higher timeframe's last bar revised: its candidates must be rebuilt
                higher.replaceLast();
                assertThat(h.apply(higher.since(h.lastTs()))).isTrue();
            } else { // a bar inside the window corrected: ingest reports it, the pool rebuilds the series
                trading.correct(trading.bars.size() - 1 - r.nextInt(1, 20));
                t = trading.rebuild();
            }
            WarmSeries wt = t;
            WarmSeries wh = h;
            SignalStepper stepper = held.stepper(Timeframe.H1, wt, wh, ANALYZER);
            steppersRenewed += stepper == last ? 0 : 1;
            last = stepper;
            Instant asOf = Instant.ofEpochSecond(t.lastTs() + 3600);
            SymbolOutcome live = ANALYZER.analyze(
                    "S",
                    t.series(),
                    h.series(),
                    s -> s == wt.series() ? wt.analysis() : wh.analysis(),
                    stepper,
                    wt::atr,
                    Timeframe.H4,
                    asOf,
                    Duration.ofDays(3650));
            SymbolOutcome full = ANALYZER.analyze(
                    "S", trading.newest(t.size()), higher.newest(h.size()), Timeframe.H4, asOf, Duration.ofDays(3650));
            assertThat(live).as("cycle %d", cycle).isEqualTo(full);
            signals += full.signal() == null ? 0 : 1;
            signalChangedByReplacement += replaced && !Objects.equals(before, full.signal()) ? 1 : 0;
            before = full.signal();
        }
        // the signal path was reached, a replaced forming bar changed the signal at the same index, and steppers were
        // both kept and renewed (rebuilds and compactions)
        assertThat(signals).isGreaterThan(20);
        assertThat(signalChangedByReplacement).isGreaterThan(5);
        assertThat(steppersRenewed).isBetween(20, 1000);
    }

    @Test
    void stepper_sameSeriesAgain_keepsTheStepper() {
        SplittableRandom r = new SplittableRandom(3);
        Stored trading = new Stored(Timeframe.H1, START, r);
        Stored higher = new Stored(Timeframe.H4, START, r);
        trading.append(10);
        higher.append(10);
        WarmSeries t = trading.rebuild();
        WarmSeries h = higher.rebuild();
        HeldSymbol held = new HeldSymbol("S");
        SignalStepper first = held.stepper(Timeframe.H1, t, h, ANALYZER);
        trading.append(1);
        t.apply(trading.since(t.lastTs()));

        assertThat(held.stepper(Timeframe.H1, t, h, ANALYZER)).isSameAs(first);
        assertThat(held.stepper(Timeframe.H1, trading.rebuild(), h, ANALYZER)).isNotSameAs(first);
    }

    /** A stored series: its bars (ts, open, high, low, close, volume) oldest first. */
    private static final class Stored {
        final Timeframe tf;
        final long start;
        final SplittableRandom r;
        final List<double[]> bars = new ArrayList<>();

        Stored(Timeframe tf, long start, SplittableRandom r) {
            this.tf = tf;
            this.start = start;
            this.r = r;
        }

        void append(int n) {
            for (int i = 0; i < n; i++) {
                double open = bars.isEmpty() ? 100 : bars.get(bars.size() - 1)[4];
                bars.add(bar(start + bars.size() * tf.seconds(), open));
            }
        }

        void replaceLast() {
            double[] b = bars.get(bars.size() - 1);
            bars.set(bars.size() - 1, bar((long) b[0], b[1]));
        }

        void correct(int i) {
            double[] b = bars.get(i);
            bars.set(i, bar((long) b[0], b[1]));
        }

        double[] bar(long ts, double open) {
            double close = open * (1 + (r.nextDouble() - 0.5) * 0.05);
            double high = Math.max(open, close) * (1 + r.nextDouble() * 0.01);
            double low = Math.min(open, close) * (1 - r.nextDouble() * 0.01);
            return new double[] {ts, open, high, low, close, r.nextInt(100, 1000)};
        }

        /** What the pool's rebuild loads: the newest {@code WINDOW} bars. */
        WarmSeries rebuild() {
            return WarmSeries.of(newest(WINDOW), WINDOW);
        }

        BarColumns newest(int n) {
            return columns(Math.max(0, bars.size() - n), bars.size());
        }

        BarColumns since(long ts) {
            int from = bars.size() - 1;
            while (from > 0 && bars.get(from)[0] > ts) {
                from--;
            }
            return columns(from, bars.size());
        }

        BarColumns columns(int from, int to) {
            BarSeries s = new BarSeries("S", tf);
            for (double[] b : bars.subList(from, to)) {
                s.append((long) b[0], b[1], b[2], b[3], b[4], b[5]);
            }
            return AnalyzerPool.columns(s);
        }
    }
}
