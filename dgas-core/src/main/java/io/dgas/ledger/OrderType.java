package io.dgas.ledger;

import java.util.Locale;

/** Order types: a market order fills at the next price; limit and stop orders carry their trigger price. */
public enum OrderType {
    MARKET,
    LIMIT,
    STOP;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted codes when {@code code} is none of them */
    public static OrderType of(String code) {
        for (OrderType t : values()) {
            if (t.code().equals(code)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown order type '" + code + "': accepted market, limit, stop");
    }
}
