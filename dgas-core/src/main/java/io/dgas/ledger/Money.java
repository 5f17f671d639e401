package io.dgas.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The ledger's number rules. Money and quantities are {@link BigDecimal} at scale {@value #SCALE}; money that has to be
 * rounded rounds {@link RoundingMode#HALF_EVEN}; quantities are never rounded (more decimals are an error). Market
 * prices stay {@code double} and enter the arithmetic through {@link #price(double)}.
 */
public final class Money {
    /** Decimal places of money and quantities inside the ledger. */
    public static final int SCALE = 8;
    /** Rounding of money: banker's rounding, so rounding errors do not drift one way over many fills. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;
    /** Zero at the ledger scale. */
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);
    /**
     * Bound on the magnitude of money and quantities (exclusive): the ledger stores them as {@code numeric(20, 8)}, 12
     * digits before the point.
     */
    public static final BigDecimal LIMIT = BigDecimal.TEN.pow(12);

    /** Whether {@code amount} is more than 0 and below {@link #LIMIT}: a capital, limit or quantity the ledger takes. */
    public static boolean storablePositive(BigDecimal amount) {
        return amount.signum() > 0 && amount.compareTo(LIMIT) < 0;
    }

    private Money() {}

    /** {@code amount} at the ledger scale, rounded half-even. */
    public static BigDecimal of(BigDecimal amount) {
        return amount.setScale(SCALE, ROUNDING);
    }

    /** {@code amount} parsed as a decimal at the ledger scale, rounded half-even. */
    public static BigDecimal of(String amount) {
        return of(new BigDecimal(amount));
    }

    /**
     * A quantity at the ledger scale.
     *
     * @throws IllegalArgumentException when it has more than {@value #SCALE} decimals: a quantity is never rounded
     */
    public static BigDecimal quantity(BigDecimal quantity) {
        if (quantity.stripTrailingZeros().scale() > SCALE) {
            throw new IllegalArgumentException("quantity " + quantity + " has more than " + SCALE + " decimals");
        }
        return quantity.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    /**
     * The boundary from market prices to money arithmetic: the double's shortest decimal form
     * ({@link BigDecimal#valueOf(double)}), so 100.1 is 100.1 and not its binary expansion 100.099999999999994…
     *
     * @throws IllegalArgumentException when the price is not finite and positive
     */
    public static BigDecimal price(double price) {
        if (!(price > 0) || !Double.isFinite(price)) {
            throw new IllegalArgumentException("price must be finite and > 0: " + price);
        }
        return BigDecimal.valueOf(price);
    }

    /** {@code quantity × price} as money at the ledger scale (the one rounding of a notional). */
    public static BigDecimal value(BigDecimal quantity, double price) {
        return of(quantity.multiply(price(price)));
    }

    /** {@code amount} reported to the cent, rounded half-even. */
    public static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, ROUNDING);
    }
}
