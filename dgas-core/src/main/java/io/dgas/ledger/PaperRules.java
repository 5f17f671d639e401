package io.dgas.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * How a paper session sizes and fills orders: the sizing rule, slippage against the fill price and the commission
 * schedule (per share plus a percentage of the notional, at least a minimum per fill). Pure arithmetic.
 *
 * @param sizing the sizing rule
 * @param sizingValue its value: a quantity, an amount of cash, or a percentage of equity (0..100]
 * @param slippageBps adverse slippage in basis points: a buy fills above the reference price, a sell below
 * @param commissionPerShare commission per unit, money
 * @param commissionPercent commission as a percentage of the fill's notional
 * @param commissionMinimum least commission per fill, money
 */
public record PaperRules(
        Sizing sizing,
        BigDecimal sizingValue,
        double slippageBps,
        BigDecimal commissionPerShare,
        double commissionPercent,
        BigDecimal commissionMinimum)
        implements java.io.Serializable {

    public PaperRules {
        Objects.requireNonNull(sizing, "sizing");
        sizingValue = Money.of(sizingValue);
        if (sizingValue.signum() <= 0
                || (sizing == Sizing.PERCENT_EQUITY && sizingValue.compareTo(BigDecimal.valueOf(100)) > 0)) {
            throw new IllegalArgumentException("sizing value of " + sizing.code() + " must be above 0"
                    + (sizing == Sizing.PERCENT_EQUITY ? " and at most 100" : "") + ", was "
                    + sizingValue.stripTrailingZeros().toPlainString());
        }
        if (!(slippageBps >= 0 && slippageBps < 10_000)) {
            throw new IllegalArgumentException("slippage bps must be in [0, 10000): " + slippageBps);
        }
        if (!(commissionPercent >= 0 && commissionPercent < 100)) {
            throw new IllegalArgumentException("commission percent must be in [0, 100): " + commissionPercent);
        }
        commissionPerShare = Money.of(commissionPerShare);
        commissionMinimum = Money.of(commissionMinimum);
        if (commissionPerShare.signum() < 0 || commissionMinimum.signum() < 0) {
            BigDecimal bad = commissionPerShare.signum() < 0 ? commissionPerShare : commissionMinimum;
            throw new IllegalArgumentException("commission " + (bad == commissionPerShare ? "per share" : "minimum")
                    + " must be >= 0, was " + bad.stripTrailingZeros().toPlainString());
        }
    }

    /** Rules with no costs, sizing a fixed amount of cash per order. */
    public static PaperRules fixedCash(BigDecimal cash) {
        return new PaperRules(Sizing.FIXED_CASH, cash, 0, Money.ZERO, 0, Money.ZERO);
    }

    /**
     * The quantity the rule asks for at {@code price} with {@code equity}: the value itself, or whole units of the
     * cash (fixed, or the percentage of equity) rounded down; zero when not even one unit fits.
     */
    public BigDecimal quantity(double price, BigDecimal equity) {
        if (sizing == Sizing.FIXED_QUANTITY) {
            return Money.quantity(sizingValue.stripTrailingZeros());
        }
        BigDecimal cash = sizing == Sizing.FIXED_CASH
                ? sizingValue
                : equity.multiply(sizingValue).divide(BigDecimal.valueOf(100), Money.SCALE, Money.ROUNDING);
        if (cash.signum() <= 0) {
            return Money.ZERO;
        }
        return Money.quantity(cash.divide(Money.price(price), 0, RoundingMode.DOWN));
    }

    /** {@code reference} moved against the trader by the slippage: up for a buy, down for a sell. */
    public double fillPrice(Side side, double reference) {
        double f = slippageBps / 10_000;
        return side == Side.BUY ? reference * (1 + f) : reference * (1 - f);
    }

    /** max(minimum, quantity × per share + notional × percent / 100), as money. */
    public BigDecimal commission(BigDecimal quantity, double price) {
        BigDecimal perShare = quantity.multiply(commissionPerShare);
        BigDecimal percent = quantity.multiply(Money.price(price))
                .multiply(BigDecimal.valueOf(commissionPercent))
                .divide(BigDecimal.valueOf(100), Money.SCALE, Money.ROUNDING);
        return Money.of(perShare.add(percent).max(commissionMinimum));
    }
}
