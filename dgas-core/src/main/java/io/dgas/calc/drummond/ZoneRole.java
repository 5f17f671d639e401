package io.dgas.calc.drummond;

/**
 * <b>[C]</b> The role of a confluence zone by price at the analysed bar (drummond.md §7): line type and envelope edge
 * only build candidates, they never decide a role.
 */
public enum ZoneRole {
    /** Upper bound below the close. */
    SUPPORT,
    /** Lower bound above the close. */
    RESISTANCE,
    /** Contains the close (bounds inclusive); may serve either side. */
    AT_PRICE;

    /** The role of a zone with bounds {@code [lower, upper]} when the close is {@code close}. */
    public static ZoneRole of(double lower, double upper, double close) {
        return upper < close ? SUPPORT : lower > close ? RESISTANCE : AT_PRICE;
    }

    /** "support", "resistance" or "at price". */
    public String label() {
        return this == AT_PRICE ? "at price" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
