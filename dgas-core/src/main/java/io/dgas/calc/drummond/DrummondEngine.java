package io.dgas.calc.drummond;

import io.dgas.domain.BarSeries;
import java.util.Arrays;

/**
 * The streaming single-timeframe Drummond engine behind both the batch {@link DrummondAnalyzer} and the
 * {@link IncrementalAnalyzer}: every output of bar i is computed from bars ≤ i in one {@link #step}, so batch and
 * incremental results are the same code path and no output can look ahead.
 *
 * <p>Design notes: PLdot and envelope rows are pure functions of a short window; states and pattern detectors are
 * small state machines with a one-level snapshot taken before the last bar of each {@link #advance} (the only bar
 * that can be replaced; a batch run so takes one snapshot, not one per bar), so a replaced last bar is undone and
 * re-run in O(1) (plus re-indexing its two lines in the termination window). Once the window is full each new line
 * swaps places with the expired line of its type, a bar's two at once ({@link SortedLines#replaceTwo}: one search
 * for the four positions). Zone tolerance uses a prefix sum of
 * bar ranges. Arrays grow geometrically; nothing is allocated per bar in steady state.
 */
final class DrummondEngine {
    private final BarSeries series;
    private final DrummondParams p;

    private double[] tp = new double[0];
    double[] pldot = new double[0];
    double[] slope = new double[0];
    double[] upper = new double[0];
    double[] lower = new double[0];
    double[] width = new double[0];
    double[] position = new double[0];
    double[] rangeSum = new double[0];
    final StateSeries states = new StateSeries();
    final PatternEvents events = new PatternEvents();
    double[] linePrice = new double[0];
    private final SortedLines window = new SortedLines();

    private final MarketStateMachine stateMachine;
    private final PushDetector push;
    private final RefreshDetector refresh;
    private final ExhaustDetector exhaust;
    private final CWaveDetector cwave;
    private final OscillationDetector oscillation;
    private final TerminationDetector termination;
    private int savedEvents;
    private int processed;

    DrummondEngine(BarSeries series, DrummondParams p) {
        this(series, p, true, true, true);
    }

    /**
     * With {@code widthBound} off the termination search uses its span bound alone; either way it derives its zone
     * marks per bar (for comparisons).
     */
    DrummondEngine(BarSeries series, DrummondParams p, boolean widthBound) {
        this(series, p, widthBound, true);
    }

    /**
     * With {@code byType} off the termination search tests the zones of both types in one band around the bar, as
     * an earlier build did; either way it derives its zone marks per bar (for comparisons).
     */
    DrummondEngine(BarSeries series, DrummondParams p, boolean widthBound, boolean byType) {
        this(series, p, widthBound, byType, false);
    }

    /**
     * With {@code kept} off the termination search derives its zone marks per bar over its pass, as the build before
     * did, instead of keeping them across bars ({@link ZoneMarks}) (for comparisons).
     */
    DrummondEngine(BarSeries series, DrummondParams p, boolean widthBound, boolean byType, boolean kept) {
        this.series = series;
        this.p = p;
        PatternParams pp = p.patterns();
        stateMachine = new MarketStateMachine(p.slopeThreshold(), states);
        push = new PushDetector(pp.pushMinBars(), events);
        refresh = new RefreshDetector(pp, events);
        exhaust = new ExhaustDetector(pp, events);
        cwave = new CWaveDetector(pp, events);
        oscillation = new OscillationDetector(pp, events);
        termination = new TerminationDetector(pp, events, widthBound, byType, kept);
        termination.attach(window);
    }

    BarSeries series() {
        return series;
    }

    DrummondParams params() {
        return p;
    }

    int processed() {
        return processed;
    }

    /** Processes every bar appended to the series since the last call. */
    void advance() {
        int n = series.size();
        ensure(n);
        while (processed < n) {
            // only the last bar can be replaced, so only the state before it needs a snapshot: batch runs save once
            if (processed == n - 1) {
                save();
            }
            step(processed++);
        }
    }

    /** Re-runs the last bar after {@link BarSeries#replaceLast}. */
    void reprocessLast() {
        if (processed == 0) {
            return;
        }
        int i = processed - 1;
        restore();
        int expired = expiredBar(i);
        if (i >= 1) {
            int in = 2 * (expired - 1);
            int out = 2 * (i - 1);
            if (expired >= 1 && swappable(in)) {
                window.replaceTwo(linePrice, out, in, out + 1, in + 1);
            } else {
                window.remove(linePrice, out);
                window.remove(linePrice, out + 1);
                if (expired >= 1) {
                    window.insert(linePrice, in);
                    window.insert(linePrice, in + 1);
                }
            }
        }
        step(i);
    }

    private void save() {
        savedEvents = events.size();
        stateMachine.save();
        push.save();
        refresh.save();
        exhaust.save();
        cwave.save();
        oscillation.save();
        // termination keeps no saved copy: its last step records what it overwrote (TerminationDetector.restore)
    }

    private void restore() {
        events.truncate(savedEvents);
        stateMachine.restore();
        push.restore();
        refresh.restore();
        exhaust.restore();
        cwave.restore();
        oscillation.restore();
        termination.restore();
    }

    private void ensure(int n) {
        if (pldot.length >= n) {
            return;
        }
        int cap = Math.max(n, pldot.length * 2);
        tp = Arrays.copyOf(tp, cap);
        pldot = grow(pldot, cap);
        slope = grow(slope, cap);
        upper = grow(upper, cap);
        lower = grow(lower, cap);
        width = grow(width, cap);
        position = grow(position, cap);
        rangeSum = Arrays.copyOf(rangeSum, cap);
        linePrice = Arrays.copyOf(linePrice, 2 * cap);
        states.ensure(cap);
    }

    private static double[] grow(double[] a, int cap) {
        int old = a.length;
        double[] b = Arrays.copyOf(a, cap);
        Arrays.fill(b, old, cap, Double.NaN);
        return b;
    }

    /** Average bar range over bars 0..i. */
    double avgRange(int i) {
        return rangeSum[i] / (i + 1);
    }

    /** Zone tolerance as of bar i. */
    double tolerance(int i) {
        return DrummondZones.tolerance(p, avgRange(i), width[i]);
    }

    private void step(int i) {
        double[] h = series.high();
        double[] l = series.low();
        double[] c = series.close();
        rangeSum[i] = (i > 0 ? rangeSum[i - 1] : 0) + (h[i] - l[i]);
        tp[i] = PlDot.typical(h, l, c, i);
        int expired = expiredBar(i);
        if (i >= 1) {
            int in = 2 * (i - 1);
            int out = 2 * (expired - 1);
            linePrice[in] = DrummondLines.projectedPrice(h, l, in, p.lineGap());
            linePrice[in + 1] = DrummondLines.projectedPrice(h, l, in + 1, p.lineGap());
            // a full window swaps each expired line for the new one of the same type in a single shift
            if (expired >= 1 && swappable(in)) {
                window.replaceTwo(linePrice, out, in, out + 1, in + 1);
            } else {
                window.insert(linePrice, in);
                window.insert(linePrice, in + 1);
                if (expired >= 1) {
                    window.remove(linePrice, out);
                    window.remove(linePrice, out + 1);
                }
            }
        }
        if (i >= PlDot.WARM_UP) {
            double v = PlDot.fromTypical(tp[i - 2], tp[i - 1], tp[i]);
            pldot[i] = v;
            slope[i] = i == PlDot.WARM_UP ? 0.0 : v - pldot[i - 1];
            double off = Envelope.offset(p.envelope(), h, l, c, pldot, i);
            upper[i] = v + off;
            lower[i] = v - off;
            width[i] = 2 * off;
            position[i] = Envelope.position(c[i], lower[i], width[i]);
            stateMachine.step(i, c[i], v, slope[i]);
            push.step(i, c[i], v, slope[i]);
            refresh.step(i, c[i], pldot);
            exhaust.step(i, c[i], upper[i], lower[i], width[i], slope[i]);
            cwave.step(i, position[i], slope, width, series.volume());
            oscillation.step(i, position[i]);
        }
        termination.step(i, h[i], l[i], tolerance(i), window, linePrice);
    }

    /**
     * Whether lines {@code in} and {@code in + 1} may enter by {@link SortedLines#replaceTwo}: not while a NaN price is
     * involved, whose place only the original sequence of single inserts and removes defines.
     */
    private boolean swappable(int in) {
        return !window.hasNaN() && linePrice[in] == linePrice[in] && linePrice[in + 1] == linePrice[in + 1];
    }

    /** The bar whose lines leave the termination window when bar i arrives, or -1. */
    private int expiredBar(int i) {
        int lookback = p.patterns().terminationLookbackBars();
        return lookback > 0 ? i - lookback : -1;
    }
}
