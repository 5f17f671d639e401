package io.dgas.calc.drummond;

import java.util.Locale;

/** Market states of drummond.md §3; {@link #code()} is the lower-case file form. Stored by ordinal in results. */
public enum MarketState {
    TREND,
    CONGESTION_ENTRANCE,
    CONGESTION_ACTION,
    CONGESTION_EXIT,
    REVERSAL;

    private static final MarketState[] VALUES = values();

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state with this ordinal, or {@code null} for -1 (no state). */
    public static MarketState of(int ordinal) {
        return ordinal < 0 ? null : VALUES[ordinal];
    }

    /** The file form of the state with this ordinal, or the empty string for -1 (no state yet, in the warm-up). */
    public static String codeOf(int ordinal) {
        return ordinal < 0 ? "" : VALUES[ordinal].code();
    }

    boolean isCongestion() {
        return this == CONGESTION_ENTRANCE || this == CONGESTION_ACTION;
    }
}
