package io.dgas.calc.drummond;

/**
 * Market-state classifier, drummond.md §3.
 *
 * <p>Design notes: a streaming state machine over bars with a PLdot, in time order; rules are evaluated first-match
 * as listed in §3, bookkeeping (bars in state, trend at congestion entrance, bars in congestion) exactly as written,
 * including clearing TACE only after the TREND/REVERSAL row is emitted. {@link #save()}/{@link #restore()} keep one
 * snapshot so a replaced last bar is re-classified without recomputing history. O(1) per bar, no allocation.
 */
final class MarketStateMachine {
    private final double slopeThreshold;
    private final StateSeries out;

    private int s1;
    private int s2;
    private int s3;
    private int sides;
    private int prev = -1;
    private int barsInState;
    private int lastTrendDir;
    private int tace;
    private int barsInCongestion;

    private final int[] saved = new int[9];

    MarketStateMachine(double slopeThreshold, StateSeries out) {
        this.slopeThreshold = slopeThreshold;
        this.out = out;
    }

    void save() {
        int[] s = saved;
        s[0] = s1;
        s[1] = s2;
        s[2] = s3;
        s[3] = sides;
        s[4] = prev;
        s[5] = barsInState;
        s[6] = lastTrendDir;
        s[7] = tace;
        s[8] = barsInCongestion;
    }

    void restore() {
        int[] s = saved;
        s1 = s[0];
        s2 = s[1];
        s3 = s[2];
        sides = s[3];
        prev = s[4];
        barsInState = s[5];
        lastTrendDir = s[6];
        tace = s[7];
        barsInCongestion = s[8];
    }

    void step(int i, double close, double pldot, double slope) {
        int side = (int) Math.signum(close - pldot);
        s1 = s2;
        s2 = s3;
        s3 = side;
        sides = Math.min(3, sides + 1);
        int slopeClass = Math.abs(slope) < slopeThreshold ? 0 : slope > 0 ? 1 : -1;
        MarketState previous = MarketState.of(prev);
        int effectivePrior = tace != 0 ? tace : lastTrendDir;

        MarketState state;
        int dir;
        StateReason reason;
        if (sides < 3) {
            state = MarketState.CONGESTION_ACTION;
            dir = Direction.NEUTRAL;
            reason = StateReason.INSUFFICIENT_BARS;
        } else if ((s1 == 1 && s2 == 1 && s3 == 1) || (s1 == -1 && s2 == -1 && s3 == -1)) {
            dir = s3;
            boolean up = dir > 0;
            if (previous == MarketState.TREND && lastTrendDir == dir) {
                state = MarketState.TREND;
                reason = StateReason.TREND_CONTINUES;
            } else if (previous != null && previous.isCongestion()) {
                if (effectivePrior == dir) {
                    state = MarketState.CONGESTION_EXIT;
                    reason = up ? StateReason.CONGESTION_EXIT_UP : StateReason.CONGESTION_EXIT_DOWN;
                } else if (effectivePrior == -dir) {
                    state = MarketState.REVERSAL;
                    reason = up ? StateReason.REVERSAL_UP : StateReason.REVERSAL_DOWN;
                } else {
                    state = MarketState.TREND;
                    reason = up ? StateReason.NEW_UPTREND_FROM_CONGESTION : StateReason.NEW_DOWNTREND_FROM_CONGESTION;
                }
            } else {
                state = MarketState.TREND;
                reason = up ? StateReason.NEW_UPTREND : StateReason.NEW_DOWNTREND;
            }
        } else if (previous == MarketState.TREND) {
            state = MarketState.CONGESTION_ENTRANCE;
            dir = lastTrendDir;
            reason = StateReason.TREND_ENDS;
        } else if (previous == null || previous.isCongestion()) {
            state = MarketState.CONGESTION_ACTION;
            dir = effectivePrior;
            reason = StateReason.CONGESTION;
        } else {
            state = MarketState.CONGESTION_ACTION;
            dir = Direction.NEUTRAL;
            reason = StateReason.CONGESTION;
        }

        barsInState = state.ordinal() == prev ? barsInState + 1 : 1;
        if (state == MarketState.TREND || state == MarketState.REVERSAL) {
            lastTrendDir = dir;
        }
        if (state == MarketState.CONGESTION_ENTRANCE && previous == MarketState.TREND) {
            tace = lastTrendDir;
            barsInCongestion = 1;
        } else if (state.isCongestion() && tace != 0) {
            barsInCongestion++;
        }

        double conf = 0.5 + Math.min(0.05 * barsInState, 0.3);
        if (state == MarketState.TREND && slopeClass == dir && dir != 0) {
            conf += 0.2;
        }
        if (state.isCongestion() && slopeClass == 0) {
            conf += 0.15;
        }
        if (sides == 3 && s1 == s2 && s2 == s3) {
            conf += 0.1;
        }

        StateSeries o = out;
        o.state[i] = state.ordinal();
        o.direction[i] = dir;
        o.barsInState[i] = barsInState;
        o.previousState[i] = prev;
        o.slopeClass[i] = slopeClass;
        o.confidence[i] = Math.min(1.0, conf);
        o.reason[i] = reason.ordinal();
        o.trendAtCongestionEntrance[i] = tace;
        o.barsInCongestion[i] = barsInCongestion;

        if (state == MarketState.TREND || state == MarketState.REVERSAL) {
            tace = 0;
            barsInCongestion = 0;
        }
        prev = state.ordinal();
    }
}
