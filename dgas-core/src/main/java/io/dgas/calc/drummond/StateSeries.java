package io.dgas.calc.drummond;

import java.util.Arrays;

/**
 * Market-state results, one entry per bar (bars before the PLdot warm-up hold -1 / NaN). Arrays are live and valid
 * for the first {@code size} bars of the producing analysis; do not modify them.
 */
public final class StateSeries {
    int[] state = new int[0];
    int[] direction = new int[0];
    int[] barsInState = new int[0];
    int[] previousState = new int[0];
    int[] slopeClass = new int[0];
    double[] confidence = new double[0];
    int[] reason = new int[0];
    int[] trendAtCongestionEntrance = new int[0];
    int[] barsInCongestion = new int[0];

    void ensure(int cap) {
        if (state.length >= cap) {
            return;
        }
        int n = Math.max(cap, state.length * 2);
        int old = state.length;
        state = Arrays.copyOf(state, n);
        direction = Arrays.copyOf(direction, n);
        barsInState = Arrays.copyOf(barsInState, n);
        previousState = Arrays.copyOf(previousState, n);
        slopeClass = Arrays.copyOf(slopeClass, n);
        confidence = Arrays.copyOf(confidence, n);
        reason = Arrays.copyOf(reason, n);
        trendAtCongestionEntrance = Arrays.copyOf(trendAtCongestionEntrance, n);
        barsInCongestion = Arrays.copyOf(barsInCongestion, n);
        Arrays.fill(state, old, n, -1);
        Arrays.fill(previousState, old, n, -1);
        Arrays.fill(reason, old, n, -1);
        Arrays.fill(confidence, old, n, Double.NaN);
    }

    /** {@link MarketState} ordinal, -1 before warm-up. */
    public int[] state() {
        return state;
    }

    public int[] direction() {
        return direction;
    }

    public int[] barsInState() {
        return barsInState;
    }

    /** Ordinal of the state before the current one (-1 none); meaningful where the state changed. */
    public int[] previousState() {
        return previousState;
    }

    /** +1 rising, −1 falling, 0 horizontal PLdot slope. */
    public int[] slopeClass() {
        return slopeClass;
    }

    public double[] confidence() {
        return confidence;
    }

    /** {@link StateReason} ordinal of the rule that produced the state. */
    public int[] reason() {
        return reason;
    }

    /** Trend at congestion entrance (+1/−1, 0 none). */
    public int[] trendAtCongestionEntrance() {
        return trendAtCongestionEntrance;
    }

    public int[] barsInCongestion() {
        return barsInCongestion;
    }
}
