package io.dgas.ledger;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collection;
import java.util.Map;

/**
 * Exposure figures of a portfolio at given marks. Shares are of gross exposure, by symbol: with weights
 * wᵢ = |market valueᵢ| / gross, the largest share is max wᵢ and the Herfindahl index Σ wᵢ² (1/n for n equal
 * positions, 1 for a single one). With no open position every figure is zero.
 *
 * @param gross Σ |market value|: longs plus shorts
 * @param net Σ market value: longs minus shorts
 * @param largestSymbol symbol of the largest position by |market value|, or {@code null} with none open
 * @param largestValue its |market value|
 * @param largestShare its share of gross exposure, 0..1
 * @param herfindahl concentration Σ wᵢ², 0..1
 */
public record Exposure(
        BigDecimal gross,
        BigDecimal net,
        String largestSymbol,
        BigDecimal largestValue,
        double largestShare,
        double herfindahl)
        implements java.io.Serializable {

    /**
     * The figures of {@code positions} marked at {@code marks} (latest close by symbol).
     *
     * @throws IllegalArgumentException when an open position has no mark
     */
    public static Exposure of(Collection<Position> positions, Map<String, Double> marks) {
        BigDecimal gross = Money.ZERO;
        BigDecimal net = Money.ZERO;
        String largest = null;
        BigDecimal largestValue = Money.ZERO;
        for (Position p : positions) {
            BigDecimal value = p.marketValue(Ledger.mark(p, marks));
            gross = gross.add(value.abs());
            net = net.add(value);
            if (!p.isFlat() && (largest == null || value.abs().compareTo(largestValue) > 0)) {
                largest = p.symbol();
                largestValue = value.abs();
            }
        }
        if (gross.signum() == 0) {
            return new Exposure(gross, net, largest, largestValue, 0, 0);
        }
        double herfindahl = 0;
        for (Position p : positions) {
            double w = share(p.marketValue(Ledger.mark(p, marks)).abs(), gross);
            herfindahl += w * w;
        }
        return new Exposure(gross, net, largest, largestValue, share(largestValue, gross), herfindahl);
    }

    /** Gross exposure and net market value together ({@link Ledger#grossAndNet}). */
    public record GrossNet(BigDecimal gross, BigDecimal net) {}

    /**
     * {@code of(positions, marks).gross()} alone, by the same sum in the same order, without the shares (a
     * backtest's equity curve needs only this, at every timestamp).
     *
     * @throws IllegalArgumentException when an open position has no mark
     */
    public static BigDecimal gross(Collection<Position> positions, Map<String, Double> marks) {
        BigDecimal gross = Money.ZERO;
        for (Position p : positions) {
            gross = gross.add(p.marketValue(Ledger.mark(p, marks)).abs());
        }
        return gross;
    }

    private static double share(BigDecimal value, BigDecimal gross) {
        return value.divide(gross, MathContext.DECIMAL64).doubleValue();
    }
}
