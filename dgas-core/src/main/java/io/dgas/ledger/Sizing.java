package io.dgas.ledger;

import java.util.Locale;

/** How a paper session turns a signal into a quantity (the value's meaning is per rule). */
public enum Sizing {
    /** The value is the quantity itself. */
    FIXED_QUANTITY,
    /** The value is the cash to commit per order; the quantity is whole shares of it at the price. */
    FIXED_CASH,
    /** The value is a percentage (0..100] of equity to commit per order, in whole shares. */
    PERCENT_EQUITY;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted codes when {@code code} is none of them */
    public static Sizing of(String code) {
        for (Sizing s : values()) {
            if (s.code().equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown sizing '" + code + "': accepted fixed_quantity, fixed_cash, percent_equity");
    }
}
