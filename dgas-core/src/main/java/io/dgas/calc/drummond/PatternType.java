package io.dgas.calc.drummond;

import java.util.Locale;

/** Pattern event types of drummond.md §4; {@link #code()} is the file form, {@link #group()} the patterns.json key. */
public enum PatternType {
    PLDOT_PUSH("pldot_push"),
    PLDOT_REFRESH("pldot_refresh"),
    EXHAUST("exhaust"),
    C_WAVE("c_wave"),
    CONGESTION_OSCILLATION("congestion_oscillation"),
    TERMINATION_APPROACH("termination"),
    TERMINATION_TOUCH("termination");

    private static final PatternType[] VALUES = values();
    private final String group;

    PatternType(String group) {
        this.group = group;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String group() {
        return group;
    }

    public static PatternType of(int ordinal) {
        return VALUES[ordinal];
    }
}
