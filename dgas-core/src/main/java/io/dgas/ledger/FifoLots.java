package io.dgas.ledger;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The FIFO lot report for closed-trade statistics: each execution first closes the oldest open lots of the opposite
 * direction, and what is left of it opens a new lot. Duplicate execution ids are no-ops, as in {@link Ledger}.
 *
 * <p>It is a report, not the book: the ledger's P&L is average-cost. The two agree on total realized P&L only once a
 * symbol is flat (up to the rounding of each notional and lot P&L at 10⁻⁸): while a position is open they
 * attribute different entry prices to the quantity still held.
 */
public final class FifoLots {
    /** An open lot: what is left open of {@code entry}, positive. */
    private record OpenLot(Execution entry, BigDecimal open) {}

    private final Map<String, Deque<OpenLot>> open = new HashMap<>();
    private final List<ClosedLot> closed = new ArrayList<>();
    private final AppliedExecutions applied = new AppliedExecutions();

    /** Applies {@code e}; {@code false}, changing nothing, when its id was applied before. */
    public boolean apply(Execution e) {
        if (!applied.firstTime(e)) {
            return false;
        }
        Deque<OpenLot> lots = open.computeIfAbsent(e.symbol(), s -> new ArrayDeque<>());
        BigDecimal left = e.quantity();
        while (left.signum() > 0 && !lots.isEmpty() && lots.peekFirst().entry().side() != e.side()) {
            OpenLot oldest = lots.pollFirst();
            BigDecimal q = oldest.open().min(left);
            closed.add(ClosedLot.of(oldest.entry(), e, q));
            left = left.subtract(q);
            if (oldest.open().compareTo(q) > 0) {
                lots.addFirst(new OpenLot(oldest.entry(), oldest.open().subtract(q)));
            }
        }
        if (left.signum() > 0) {
            lots.addLast(new OpenLot(e, left));
        }
        return true;
    }

    /** Applies each in order. */
    public void applyAll(Iterable<Execution> executions) {
        executions.forEach(this::apply);
    }

    /** Closed lots in the order they were closed. */
    public List<ClosedLot> closedLots() {
        return List.copyOf(closed);
    }

    /** Signed quantity still open in {@code symbol}. */
    public BigDecimal openQuantity(String symbol) {
        BigDecimal q = Money.ZERO;
        for (OpenLot lot : open.getOrDefault(symbol, new ArrayDeque<>())) {
            q = q.add(lot.entry().side().sign(lot.open()));
        }
        return q;
    }

    /** Σ P&L of the closed lots, before costs. */
    public BigDecimal realizedPnl() {
        return closed.stream().map(ClosedLot::pnl).reduce(Money.ZERO, BigDecimal::add);
    }

    /** Closed lots with P&L > 0. */
    public long wins() {
        return closed.stream().filter(ClosedLot::isWin).count();
    }

    /** Closed lots with P&L < 0; a lot at exactly zero is neither a win nor a loss. */
    public long losses() {
        return closed.stream().filter(ClosedLot::isLoss).count();
    }
}
