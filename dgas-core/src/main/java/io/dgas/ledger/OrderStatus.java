package io.dgas.ledger;

import java.util.Locale;

/** Life of an order. {@link #NEW} and {@link #PARTIALLY_FILLED} are open; the others are final. */
public enum OrderStatus {
    NEW,
    PARTIALLY_FILLED,
    FILLED,
    CANCELLED,
    REJECTED;

    /** Whether the order may still fill or be cancelled. */
    public boolean isOpen() {
        return this == NEW || this == PARTIALLY_FILLED;
    }

    /** Lower-case code as stored ({@code partially_filled}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted codes when {@code code} is none of them */
    public static OrderStatus of(String code) {
        for (OrderStatus s : values()) {
            if (s.code().equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown order status '" + code + "': accepted new, partially_filled, filled, cancelled, rejected");
    }
}
