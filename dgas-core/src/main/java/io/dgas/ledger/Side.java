package io.dgas.ledger;

import java.math.BigDecimal;

/** Side of an execution: a buy adds to the signed quantity, a sell subtracts from it. */
public enum Side {
    BUY,
    SELL;

    /** {@code quantity} (positive) with this side's sign. */
    public BigDecimal sign(BigDecimal quantity) {
        return this == BUY ? quantity : quantity.negate();
    }
}
