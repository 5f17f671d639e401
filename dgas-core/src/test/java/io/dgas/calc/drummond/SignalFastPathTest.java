package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The stepper's fast path ({@link SignalGate}, then the zones) gives, at every bar, exactly the signal of the full
 * computation: {@code Signals.evaluate(MultiTimeframe.tryAnalyze(…))} with each zone window's lines sorted at every
 * call (zone windows of every line, shorter than the series and longer). Random
 * seeds over calm, trending (both directions) and congested walks, prices on a tick (equal projected prices: ties),
 * hourly and daily pairs, and settings that open every gate. (No setting here makes exit signals: a permitted
 * trade with a directed HTF has a strength of 0.5 or more in these walks; the gate never skips a bar where an exit
 * type is possible, so that side cannot skip wrongly.)
 */
class SignalFastPathTest {
    private static final SignalParams[] SETTINGS = {
        SignalParams.defaults(),
        NoLookAheadTest.loose(),
        // every zone gate open (a bonus of 0 or 0.08 may pass) and a strength gate low enough for exit signals
        new SignalParams(0.3, 0.3, 1.5, 2.0, 0.0, 1, 14, 3600, 86_400, 2.0, 1.5, 5, 30),
        new SignalParams(0.5, 0.45, 1.0, 3.0, 2.0, 2, 10, 3600, 86_400, 4.0, 1.0, 5, 30),
        new SignalParams(0.5, 0.2, 1.5, 2.0, 2.5, 2, 14, 3600, 86_400, 2.0, 1.5, 5, 30),
    };

    /** The §6 defaults, and a lower permission threshold (weak alignments make the exit signals). */
    private static final MtfParams[] MTF = {
        MtfParams.defaults(), new MtfParams(0.005, 0.5, 1.5, 1.0, 20, 10, 0.1, 100),
    };

    /**
     * Zone windows by seed: the default, every line, shorter than the series (the indexes slide every bar) and longer
     * than it.
     */
    private static final int[] WINDOWS = {100, 0, 12, 5000};

    @Test
    void at_everyBarOfRandomWalks_equalsFullComputation() {
        long compared = 0;
        long skipped = 0;
        long entries = 0;
        for (long seed = 1; seed <= 24; seed++) {
            SplittableRandom r = new SplittableRandom(seed * 7919);
            Timeframe trading = seed % 3 == 0 ? Timeframe.D1 : Timeframe.H1;
            Timeframe higher = trading == Timeframe.D1 ? Timeframe.W1 : Timeframe.H4;
            int bars = 300 + r.nextInt(300);
            BarSeries t = series(seed, bars, trading, r);
            BarSeries h = BarAggregator.complete(t, higher, t.ts()[t.size() - 1] + trading.seconds());
            DrummondAnalysis ta = DrummondAnalyzer.analyze(t);
            DrummondAnalysis ha = DrummondAnalyzer.analyze(h);
            for (int v = 0; v < SETTINGS.length; v++) {
                SignalParams sp = SETTINGS[v];
                MtfParams mp = MTF[v == SETTINGS.length - 1 ? 1 : 0].withZoneLookbackBars(WINDOWS[(int) (seed % 4)]);
                double[] atr = Atr.wilder(t, sp.atrPeriod(), bars);
                SignalStepper stepper = new SignalStepper(mp, sp);
                for (int k = 0; k < bars; k++) {
                    MtfAnalysis m = MultiTimeframe.tryAnalyze(ha, ta, k, mp, null, null);
                    Signal expected = m == null ? null : Signals.evaluate(m, ha, ta, atr[k], sp);
                    boolean open = SignalGate.mayFire(ha, ta, k, mp, sp, atr[k]);
                    String ctx = "seed " + seed + " bar " + k + " " + sp;
                    if (!open) {
                        assertThat(expected).as("gate closed: " + ctx).isNull();
                        skipped++;
                    }
                    assertThat(stepper.at(ha, ta, k, atr[k])).as(ctx).isEqualTo(expected);
                    compared++;
                    entries += expected != null ? 1 : 0;
                }
            }
        }
        assertThat(compared).isGreaterThan(20_000);
        assertThat(skipped).as("the gate must skip bars to mean anything").isGreaterThan(compared / 10);
        assertThat(entries).as("signals compared").isGreaterThan(200);
    }

    /** A calm walk, an up or down trend, a congestion, or a geometric drift walk; prices on a 0.01 or 0.25 tick. */
    private static BarSeries series(long seed, int n, Timeframe tf, SplittableRandom r) {
        BarSeries raw = switch ((int) (seed % 4)) {
            case 0 -> RandomBars.series(seed, n, tf);
            case 1 -> RandomBars.shaped(seed, n, tf, seed % 8 == 1 ? 0.1 : -0.1, 0.0);
            case 2 -> RandomBars.shaped(seed, n, tf, 0.0, 0.3);
            default -> RandomBars.walk(seed, n, tf, 8);
        };
        double tick = r.nextBoolean() ? 0.25 : 0.01;
        BarSeries s = new BarSeries(raw.symbol(), tf, n);
        for (int i = 0; i < raw.size(); i++) {
            double o = snap(raw.open()[i], tick);
            double c = snap(raw.close()[i], tick);
            double hi = Math.max(snap(raw.high()[i], tick), Math.max(o, c));
            double lo = Math.min(snap(raw.low()[i], tick), Math.min(o, c));
            s.append(raw.ts()[i], o, hi, Math.max(lo, tick), c, raw.volume()[i]);
        }
        return s;
    }

    private static double snap(double v, double tick) {
        return Math.max(tick, Math.round(v / tick) * tick);
    }
}
