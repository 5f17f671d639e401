package io.dgas.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One fill reported by a broker (or the paper broker). Immutable; the scales are normalised here so that two
 * executions with the same content are {@code equals}, which is what makes re-applying one a recognisable no-op.
 *
 * @param id the broker's execution id, unique per broker: the ledger applies an id once
 * @param symbol instrument
 * @param side buy or sell
 * @param quantity filled quantity, positive, at most {@value Money#SCALE} decimals
 * @param price fill price, finite and positive (a market price, hence a double)
 * @param commission broker commission, ≥ 0, money
 * @param fees exchange and regulatory fees, ≥ 0, money
 * @param time when it was executed
 */
public record Execution(
        String id,
        String symbol,
        Side side,
        BigDecimal quantity,
        double price,
        BigDecimal commission,
        BigDecimal fees,
        Instant time)
        implements java.io.Serializable {

    public Execution {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(time, "time");
        quantity = Money.quantity(quantity);
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("execution " + id + ": quantity must be > 0: " + quantity);
        }
        Money.price(price);
        commission = nonNegative(id, "commission", commission);
        fees = nonNegative(id, "fees", fees);
    }

    private static BigDecimal nonNegative(String id, String field, BigDecimal amount) {
        BigDecimal money = Money.of(amount);
        if (money.signum() < 0) {
            throw new IllegalArgumentException("execution " + id + ": " + field + " must be >= 0: " + amount);
        }
        return money;
    }

    /** Quantity with the side's sign: positive for a buy, negative for a sell. */
    public BigDecimal signedQuantity() {
        return side.sign(quantity);
    }

    /** Cash paid for the shares, signed: positive for a buy, negative (cash received) for a sell; costs excluded. */
    public BigDecimal notional() {
        return Money.value(signedQuantity(), price);
    }

    /** Commission plus fees: what the execution costs on top of its notional. */
    public BigDecimal costs() {
        return commission.add(fees);
    }
}
