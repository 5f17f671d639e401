package io.dgas.ledger;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A portfolio's ledger: starting capital, cash, average-cost positions by symbol, realized P&L and costs. Applying
 * an execution id a second time changes nothing. No buying-power or risk check happens here: limits are enforced
 * before an order is accepted, and the ledger records what was filled.
 *
 * <p>Identity kept exactly (no tolerance) after every execution, for any marks:
 * {@code cash + market value = starting capital + realized P&L + unrealized P&L − costs}.
 *
 * <p>Marks are the latest close per symbol; an open position without a mark is an error, not a zero.
 */
public final class Ledger {
    private final BigDecimal startingCapital;
    private BigDecimal cash;
    private final Map<String, Position> positions = new TreeMap<>();
    private final AppliedExecutions applied = new AppliedExecutions();
    /**
     * Each open position's latest market value with the position and mark it was computed for: a value is
     * {@code quantity × mark} through {@link Money#value} (a decimal conversion of the mark and a rounding), and a
     * portfolio is valued again at every order and fill while most marks and positions are as they were. Only the
     * current position of a symbol is kept; a fill drops its symbol's entry. Guarded by this ledger's lock, as are
     * the sums below.
     */
    private final Map<String, Valued> valued = new HashMap<>();
    /** The open positions (not flat), by symbol: what a valuation walks. */
    private final Map<String, Position> open = new HashMap<>();
    /**
     * Σ |value| and Σ value of the entries of {@link #valued}, kept as entries come and go: money at the ledger scale
     * adds and subtracts exactly, so these are the sums a fresh walk would give, bit for bit, without re-adding a
     * hundred positions at each valuation.
     */
    private BigDecimal valuedGross = Money.ZERO;

    private BigDecimal valuedNet = Money.ZERO;

    private record Valued(Position position, long markBits, BigDecimal value) {}

    public Ledger(BigDecimal startingCapital) {
        this.startingCapital = Money.of(startingCapital);
        this.cash = this.startingCapital;
    }

    /**
     * A ledger rebuilt from stored positions: cash follows from the identity, cash = starting capital + realized P&L −
     * costs − open cost basis. Executions applied before are not known to it (the store keeps them unique).
     */
    public static Ledger restore(BigDecimal startingCapital, Collection<Position> stored) {
        Ledger l = new Ledger(startingCapital);
        for (Position p : stored) {
            l.positions.put(p.symbol(), p);
            if (!p.isFlat()) {
                l.open.put(p.symbol(), p);
            }
            l.cash = l.cash.add(p.realizedPnl()).subtract(p.costs()).subtract(p.costBasis());
        }
        return l;
    }

    /**
     * Applies {@code e} to its symbol's position and to cash; {@code false}, changing nothing, when its id was
     * applied before.
     *
     * @throws IllegalArgumentException when its id was applied with different content
     */
    public synchronized boolean apply(Execution e) {
        if (!applied.firstTime(e)) {
            return false;
        }
        Position after = position(e.symbol()).apply(e);
        positions.put(e.symbol(), after);
        forget(e.symbol());
        if (after.isFlat()) {
            open.remove(e.symbol());
        } else {
            open.put(e.symbol(), after);
        }
        cash = cash.subtract(e.notional()).subtract(e.costs());
        return true;
    }

    /** Applies each in order; returns how many were new. */
    public int applyAll(Iterable<Execution> executions) {
        int n = 0;
        for (Execution e : executions) {
            n += apply(e) ? 1 : 0;
        }
        return n;
    }

    public BigDecimal startingCapital() {
        return startingCapital;
    }

    public BigDecimal cash() {
        return cash;
    }

    /** The position in {@code symbol}; flat when never traded. */
    public Position position(String symbol) {
        // a flat default made only when needed: making one checks and rescales four amounts
        Position p = positions.get(symbol);
        return p != null ? p : Position.flat(symbol);
    }

    /** Every symbol ever traded, flat ones included (they carry realized P&L), by symbol. */
    public Map<String, Position> positions() {
        return Collections.unmodifiableMap(positions);
    }

    /** Executions applied (distinct ids). */
    public int executionCount() {
        return applied.size();
    }

    /** Realized P&L of all symbols, before costs. */
    public BigDecimal realizedPnl() {
        return sum(Position::realizedPnl);
    }

    /** Commissions and fees of all symbols. */
    public BigDecimal totalCosts() {
        return sum(Position::costs);
    }

    /** Σ quantity × mark over open positions. */
    public BigDecimal marketValue(Map<String, Double> marks) {
        return grossAndNet(marks).net();
    }

    /** Whether any position is open. */
    public synchronized boolean holdsAny() {
        return !open.isEmpty();
    }

    /**
     * Gross exposure and net market value at {@code marks} in one pass: {@code Exposure.gross(positions().values(),
     * marks)} and {@link #marketValue}, so equity is {@code cash() + net}. Only the open positions whose position or
     * mark changed since they were last valued are valued again.
     *
     * @throws IllegalArgumentException when an open position has no mark
     */
    public synchronized Exposure.GrossNet grossAndNet(Map<String, Double> marks) {
        for (Position p : open.values()) {
            revalue(p, mark(p, marks));
        }
        return new Exposure.GrossNet(valuedGross, valuedNet);
    }

    /** {@code p.marketValue(mark(p, marks))}, reusing the value computed last for the same position and mark. */
    synchronized BigDecimal value(Position p, Map<String, Double> marks) {
        if (p.isFlat()) {
            return Money.ZERO;
        }
        return revalue(p, mark(p, marks));
    }

    /**
     * {@code p.marketValue(mark)} of an open position, kept (and counted in the sums) when {@code p} is its symbol's
     * current position.
     */
    private BigDecimal revalue(Position p, double mark) {
        long bits = Double.doubleToRawLongBits(mark);
        Valued v = valued.get(p.symbol());
        if (v != null && v.position() == p && v.markBits() == bits) {
            return v.value();
        }
        BigDecimal value = p.marketValue(mark);
        if (open.get(p.symbol()) == p) {
            forget(p.symbol());
            valued.put(p.symbol(), new Valued(p, bits, value));
            valuedGross = valuedGross.add(value.abs());
            valuedNet = valuedNet.add(value);
        }
        return value;
    }

    /** Drops {@code symbol}'s kept value, and its share of the sums. */
    private void forget(String symbol) {
        Valued old = valued.remove(symbol);
        if (old != null) {
            valuedGross = valuedGross.subtract(old.value().abs());
            valuedNet = valuedNet.subtract(old.value());
        }
    }

    /** Σ (mark − average) × quantity over open positions. */
    public BigDecimal unrealizedPnl(Map<String, Double> marks) {
        return sum(p -> p.unrealizedPnl(mark(p, marks)));
    }

    /** Cash + market value. */
    public BigDecimal equity(Map<String, Double> marks) {
        return cash.add(marketValue(marks));
    }

    /** Realized + unrealized − costs: equity − starting capital. */
    public BigDecimal totalPnl(Map<String, Double> marks) {
        return realizedPnl().add(unrealizedPnl(marks)).subtract(totalCosts());
    }

    /**
     * The latest close of an open position's symbol (1 for a flat one, whose value does not depend on it).
     *
     * @throws IllegalArgumentException when an open position has no mark
     */
    static double mark(Position p, Map<String, Double> marks) {
        if (p.isFlat()) {
            return 1;
        }
        Double mark = marks.get(p.symbol());
        if (mark == null) {
            throw new IllegalArgumentException("no mark for open position " + p.symbol());
        }
        return mark;
    }

    private BigDecimal sum(Function<Position, BigDecimal> figure) {
        BigDecimal total = Money.ZERO;
        for (Position p : positions.values()) {
            total = total.add(figure.apply(p));
        }
        return total;
    }
}
