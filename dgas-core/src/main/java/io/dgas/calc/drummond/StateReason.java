package io.dgas.calc.drummond;

/** Why a state was entered (drummond.md §3 rules); texts follow the reference output. */
public enum StateReason {
    INSUFFICIENT_BARS("Insufficient bars"),
    TREND_CONTINUES("Trend continues"),
    CONGESTION_EXIT_UP("Congestion exit in the prior uptrend"),
    CONGESTION_EXIT_DOWN("Congestion exit in the prior downtrend"),
    REVERSAL_UP("Reversal to uptrend"),
    REVERSAL_DOWN("Reversal to downtrend"),
    NEW_UPTREND_FROM_CONGESTION("New uptrend from congestion"),
    NEW_DOWNTREND_FROM_CONGESTION("New downtrend from congestion"),
    NEW_UPTREND("New uptrend established"),
    NEW_DOWNTREND("New downtrend established"),
    TREND_ENDS("First opposite close ends trend"),
    CONGESTION("Alternating closes indicate congestion");

    private static final StateReason[] VALUES = values();
    private final String text;

    StateReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static StateReason of(int ordinal) {
        return ordinal < 0 ? null : VALUES[ordinal];
    }
}
