package io.dgas.app.alerts;

/**
 * Something a paper cycle did that alert rules of type {@code fill} or {@code limit_breach} can fire on.
 *
 * @param kind {@link #FILL} or {@link #LIMIT_BREACH}
 * @param value a fill's notional (quantity × price); for a breach, the quantity the limit kept from trading
 * @param message what happened, for the alert log and the sinks
 */
public record TradingEvent(String kind, String symbol, double value, String message) {
    public static final String FILL = "fill";
    public static final String LIMIT_BREACH = "limit_breach";
}
