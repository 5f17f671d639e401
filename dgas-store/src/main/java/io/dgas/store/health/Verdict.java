package io.dgas.store.health;

/** Health of one check or of the whole, ordered from best to worst. */
public enum Verdict {
    HEALTHY,
    WARNING,
    CRITICAL;

    /** The verdict of {@code value} against warning and critical thresholds (higher is worse). */
    public static Verdict of(double value, double warning, double critical) {
        if (Double.isNaN(value)) {
            return HEALTHY;
        }
        return value >= critical ? CRITICAL : value >= warning ? WARNING : HEALTHY;
    }

    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** The verdict in lower case, as every JSON body and text output writes it ("healthy", not "HEALTHY"). */
    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
