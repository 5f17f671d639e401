package io.dgas.ledger;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An average-cost position in one symbol (conventions and sources in {@code package-info}). Immutable:
 * {@link #apply(Execution)} returns the position after a fill.
 *
 * <p>The position keeps its cost basis (money paid for the open quantity, signed like the quantity) rather than a
 * rounded average price, so that cash, cost basis and realized P&L always add up exactly; the average price is
 * derived from it.
 *
 * @param symbol instrument
 * @param quantity signed quantity: positive long, negative short, zero flat
 * @param costBasis cost of the open quantity at its average price, signed like it; zero when flat
 * @param realizedPnl P&L realized by closing fills, before costs
 * @param costs commissions and fees of every fill in the symbol (realized costs)
 */
public record Position(
        String symbol, BigDecimal quantity, BigDecimal costBasis, BigDecimal realizedPnl, BigDecimal costs)
        implements java.io.Serializable {

    public Position {
        Objects.requireNonNull(symbol, "symbol");
        quantity = Money.quantity(quantity);
        costBasis = Money.of(costBasis);
        realizedPnl = Money.of(realizedPnl);
        costs = Money.of(costs);
        if (quantity.signum() == 0 && costBasis.signum() != 0) {
            throw new IllegalArgumentException(symbol + ": a flat position has no cost basis: " + costBasis);
        }
    }

    /** A flat position with no history. */
    public static Position flat(String symbol) {
        return new Position(symbol, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);
    }

    public boolean isFlat() {
        return quantity.signum() == 0;
    }

    /** Cost basis ÷ quantity at the ledger scale; zero when flat. */
    public BigDecimal averagePrice() {
        return isFlat() ? Money.ZERO : costBasis.divide(quantity, Money.SCALE, Money.ROUNDING);
    }

    /** Quantity × {@code mark} (the latest close): negative for a short. */
    public BigDecimal marketValue(double mark) {
        return isFlat() ? Money.ZERO : Money.value(quantity, mark);
    }

    /** (mark − average price) × signed quantity, that is market value − cost basis. */
    public BigDecimal unrealizedPnl(double mark) {
        return marketValue(mark).subtract(costBasis);
    }

    /**
     * The position after {@code e}: opening or adding re-averages; reducing keeps the average and realizes the closed
     * part; a fill through zero closes the whole position at the fill price and opens the remainder at it.
     *
     * @throws IllegalArgumentException when {@code e} is for another symbol
     */
    public Position apply(Execution e) {
        if (!symbol.equals(e.symbol())) {
            throw new IllegalArgumentException("execution " + e.id() + " is for " + e.symbol() + ", not " + symbol);
        }
        BigDecimal fill = e.signedQuantity();
        BigDecimal after = quantity.add(fill);
        BigDecimal costsAfter = costs.add(e.costs());
        if (quantity.signum() == 0 || quantity.signum() == fill.signum()) {
            return new Position(symbol, after, costBasis.add(e.notional()), realizedPnl, costsAfter);
        }
        if (after.signum() == 0 || after.signum() == quantity.signum()) {
            // The closed share of the cost basis is released at the average; realized = proceeds − released,
            // i.e. (fill − average) × closed quantity × sign of the position.
            BigDecimal released = after.signum() == 0
                    ? costBasis
                    : costBasis.multiply(fill.negate()).divide(quantity, Money.SCALE, Money.ROUNDING);
            BigDecimal realized = realizedPnl.add(e.notional().negate()).subtract(released);
            return new Position(symbol, after, costBasis.subtract(released), realized, costsAfter);
        }
        // Reversal: the whole position closes at the fill price, the remainder opens at it. The remainder's cost takes
        // the notional's rounding so that the two parts add up to the cash that moved.
        BigDecimal closingNotional = Money.value(quantity.negate(), e.price());
        BigDecimal realized = realizedPnl.subtract(closingNotional).subtract(costBasis);
        return new Position(symbol, after, e.notional().subtract(closingNotional), realized, costsAfter);
    }
}
