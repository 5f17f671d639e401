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
 * hourly and daily pairs, and settings that open every gate, exit signals included.
 *
 * <p>An exit signal needs a permitted trade with a directed HTF, so both directions are equal, and a strength below
 * 0.5 (§6: equal directions at 0.5 or more give LONG/SHORT at medium or low risk). Under the §6 confluence weights
 * the top zone's bonus (0.12 or 0.15) keeps every such strength at 0.5 or more in these walks; the last setting's
 * light weights (0.1 per timeframe) keep every zone below 2.5 (bonus 0.08 at most) and its two recent events make
 * pattern confluence rare, so strengths of 0.45 to 0.5 occur and with them EXIT_LONG/EXIT_SHORT: the gate's exit
 * branch is compared too (the test counts them).
 */
class SignalFastPathTest {
    /** Every zone gate open (a bonus of 0 or 0.08 may pass) and a strength gate low enough for exit signals. */
    private static final SignalParams OPEN =
            new SignalParams(0.3, 0.3, 1.5, 2.0, 0.0, 1, 14, 3600, 86_400, 2.0, 1.5, 5, 30);

    private static final SignalParams[] SETTINGS = {
        SignalParams.defaults(),
        NoLookAheadTest.loose(),
        OPEN,
        new SignalParams(0.5, 0.45, 1.0, 3.0, 2.0, 2, 10, 3600, 86_400, 4.0, 1.0, 5, 30),
        new SignalParams(0.5, 0.2, 1.5, 2.0, 2.5, 2, 14, 3600, 86_400, 2.0, 1.5, 5, 30),
        OPEN,
    };

    /**
     * The multi-timeframe settings of each {@link #SETTINGS} entry: the §6 defaults; a lower permission threshold;
     * light confluence weights and two recent events (strengths below 0.5: exit signals).
     */
    private static final MtfParams[] MTF = {
        MtfParams.defaults(),
        MtfParams.defaults(),
        MtfParams.defaults(),
        MtfParams.defaults(),
        new MtfParams(0.005, 0.5, 1.5, 1.0, 20, 10, 0.1, 100),
        new MtfParams(0.005, 0.6, 0.1, 0.1, 20, 2, 0.1, 100),
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
        long exits = 0;
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
                MtfParams mp = MTF[v].withZoneLookbackBars(WINDOWS[(int) (seed % 4)]);
                double[] atr = Atr.wilder(t, sp.atrPeriod(), bars);
                SignalStepper stepper = new SignalStepper(mp, sp);
                for (int k = 0; k < bars; k++) {
                    MtfAnalysis m = MultiTimeframe.tryAnalyze(ha, ta, k, mp, null, null);
                    Signal expected = m == null ? null : Signals.evaluate(m, ha, ta, atr[k], sp);
                    boolean open = SignalGate.mayFire(ha, ta, k, mp, sp, atr[k]);
                    String ctx = "seed " + seed + " bar " + k + " " + sp + " " + mp;
                    if (!open) {
                        assertThat(expected).as("gate closed: " + ctx).isNull();
                        skipped++;
                    }
                    assertThat(stepper.at(ha, ta, k, atr[k])).as(ctx).isEqualTo(expected);
                    compared++;
                    entries += expected != null && expected.type().isEntry() ? 1 : 0;
                    exits += expected != null && !expected.type().isEntry() ? 1 : 0;
                }
            }
        }
        assertThat(compared).isGreaterThan(20_000);
        assertThat(skipped).as("the gate must skip bars to mean anything").isGreaterThan(compared / 10);
        assertThat(entries).as("entry signals compared").isGreaterThan(200);
        assertThat(exits).as("exit signals compared (the gate's exit branch)").isGreaterThan(100);
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
