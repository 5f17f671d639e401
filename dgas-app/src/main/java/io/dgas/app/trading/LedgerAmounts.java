package io.dgas.app.trading;

import io.dgas.app.service.BadInputException;
import io.dgas.ledger.Money;
import java.math.BigDecimal;
import java.util.List;

/**
 * The ledger's rules for numbers a user gives (a CLI option or an API parameter, named as given), checked before any
 * statement runs: otherwise a negative capital, a quantity the storage rounds to 0 or an amount past what
 * {@code numeric(20, 8)} holds reached the database and came back as a failed statement naming a constraint.
 */
public final class LedgerAmounts {
    private static final String BELOW = Money.LIMIT.toPlainString();

    private LedgerAmounts() {}

    /** Money (a capital): more than 0 and below {@link Money#LIMIT}; rounded to the ledger scale later. */
    public static BigDecimal money(String name, BigDecimal v) {
        if (!Money.storablePositive(v)) {
            throw new BadInputException(
                    name,
                    shown(v),
                    name + " must be more than 0 and below " + BELOW + ", not " + shown(v),
                    List.of("more than 0 and below " + BELOW));
        }
        return v;
    }

    /**
     * A quantity: more than 0, below {@link Money#LIMIT} and with at most {@link Money#SCALE} decimals (a quantity is
     * never rounded).
     */
    public static BigDecimal quantity(String name, BigDecimal v) {
        if (!Money.storablePositive(v) || v.stripTrailingZeros().scale() > Money.SCALE) {
            throw new BadInputException(
                    name,
                    shown(v),
                    name + " must be more than 0 and below " + BELOW + " with at most " + Money.SCALE
                            + " decimals, not " + shown(v),
                    List.of("more than 0 and below " + BELOW + ", at most " + Money.SCALE + " decimals"));
        }
        return v;
    }

    /** A price (a limit or stop price; market prices are doubles): finite, more than 0 and below {@link Money#LIMIT}. */
    public static Double price(String name, Double v) {
        if (v != null && !(v > 0 && v < Money.LIMIT.doubleValue())) {
            throw new BadInputException(
                    name,
                    String.valueOf(v),
                    name + " must be more than 0 and below " + BELOW + ", not " + v,
                    List.of("a price more than 0 and below " + BELOW));
        }
        return v;
    }

    /** {@code v} as typed where that is short (0.000000001, not 1E-9), in scientific form where it is not (1E+400). */
    private static String shown(BigDecimal v) {
        String plain = v.toPlainString();
        return plain.length() <= 30 ? plain : v.toString();
    }
}
