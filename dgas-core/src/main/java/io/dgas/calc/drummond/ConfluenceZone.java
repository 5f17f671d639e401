package io.dgas.calc.drummond;

/**
 * A multi-timeframe confluence zone (drummond.md §6).
 *
 * @param type the candidates' kind, {@link #RESISTANCE}, {@link #SUPPORT} or {@link #PIVOT} (not the zone's role,
 *     see {@link #role})
 * @param level mean price of the clustered levels
 * @param lower lowest clustered price
 * @param upper highest clustered price
 * @param strength number of distinct timeframes
 * @param weightedStrength sum of timeframe weight × component
 */
public record ConfluenceZone(
        int type, double level, double lower, double upper, int strength, double weightedStrength) {
    public static final int RESISTANCE = 0;
    public static final int SUPPORT = 1;
    public static final int PIVOT = 2;

    /** <b>[C]</b> Role by price when the trading close is {@code close}; {@link #type} never decides it. */
    public ZoneRole role(double close) {
        return ZoneRole.of(lower, upper, close);
    }

    public String typeCode() {
        return type == RESISTANCE ? "resistance" : type == SUPPORT ? "support" : "pivot";
    }
}
