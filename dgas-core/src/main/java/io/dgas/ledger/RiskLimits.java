package io.dgas.ledger;

import java.math.BigDecimal;

/**
 * A trading session's limits, checked before an order is accepted ({@link RiskCheck}).
 *
 * @param maxPositionValue largest |quantity × price| one symbol may reach, money
 * @param maxGrossExposure largest Σ |market value| over all symbols, money
 * @param maxLossPerDay loss from the day's starting equity at which no further order is accepted, money
 * @param maxOrdersPerMinute orders a session may place within any minute
 */
public record RiskLimits(
        BigDecimal maxPositionValue, BigDecimal maxGrossExposure, BigDecimal maxLossPerDay, int maxOrdersPerMinute)
        implements java.io.Serializable {

    /** Names of the limits as a rejected order records them. */
    public static final String POSITION = "max_position_value";

    public static final String GROSS = "max_gross_exposure";
    public static final String DAILY_LOSS = "max_loss_per_day";
    public static final String RATE = "max_orders_per_minute";

    public RiskLimits {
        maxPositionValue = positive("max position value", maxPositionValue);
        maxGrossExposure = positive("max gross exposure", maxGrossExposure);
        maxLossPerDay = positive("max loss per day", maxLossPerDay);
        if (maxOrdersPerMinute <= 0) {
            throw new IllegalArgumentException("max orders per minute must be > 0: " + maxOrdersPerMinute);
        }
    }

    private static BigDecimal positive(String what, BigDecimal v) {
        BigDecimal m = Money.of(v);
        if (!Money.storablePositive(m)) {
            throw new IllegalArgumentException(
                    what + " must be > 0 and below " + Money.LIMIT.toPlainString() + ": " + v);
        }
        return m;
    }
}
