package io.dgas.calc.drummond;

import io.dgas.domain.BarSeries;

/**
 * Signal calibration, drummond.md §7.
 *
 * <p>Design notes: the window is the bars opening after the signal bar and at most {@code windowSeconds} after it.
 * <b>[C]</b> A LONG is filled once a bar's low reaches the entry (SHORT: high); a signal never filled in a complete
 * window is {@link Outcome#NOT_FILLED}. From the fill bar on, LONG loses when low ≤ stop (checked first within a
 * bar) and wins when high ≥ target; SHORT mirrors. No bars yet, or an incomplete window without a result, is
 * {@link Outcome#PENDING}; a filled signal with neither level hit in a complete window is {@link Outcome#NEUTRAL}.
 * Exit signals are not calibrated.
 */
public final class Calibration {
    private Calibration() {}

    public enum Outcome {
        WIN,
        LOSS,
        NEUTRAL,
        PENDING,
        NOT_FILLED,
        NOT_APPLICABLE
    }

    public static Outcome evaluate(Signal s, BarSeries bars, long windowSeconds) {
        if (!s.type().isEntry()) {
            return Outcome.NOT_APPLICABLE;
        }
        long end = s.ts() + windowSeconds;
        int n = bars.size();
        int i = bars.indexAtOrBefore(s.ts()) + 1;
        if (i >= n || bars.ts()[i] > end) {
            return n > 0 && bars.ts()[n - 1] >= end ? Outcome.NOT_FILLED : Outcome.PENDING;
        }
        boolean isLong = s.type() == Signal.Type.LONG;
        boolean filled = false;
        for (; i < n && bars.ts()[i] <= end; i++) {
            double hi = bars.high()[i];
            double lo = bars.low()[i];
            if (!filled) {
                filled = isLong ? lo <= s.entry() : hi >= s.entry();
                if (!filled) {
                    continue;
                }
            }
            if (isLong ? lo <= s.stop() : hi >= s.stop()) {
                return Outcome.LOSS;
            }
            if (isLong ? hi >= s.target() : lo <= s.target()) {
                return Outcome.WIN;
            }
        }
        boolean complete = bars.ts()[n - 1] >= end;
        if (!complete) {
            return Outcome.PENDING;
        }
        return filled ? Outcome.NEUTRAL : Outcome.NOT_FILLED;
    }
}
