package io.dgas.ledger;

import static io.dgas.ledger.Fills.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ledger arithmetic on small books; every figure is exact (prices and commissions have few decimals). */
class LedgerTest {
    private final Fills f = new Fills();

    @Test
    void apply_buysAndSells_moveCashByNotionalAndCosts() {
        Ledger l = new Ledger(new BigDecimal("10000"));
        l.apply(f.of("A", Side.BUY, "10", 100, "1"));
        l.apply(f.of("B", Side.SELL, "5", 40, "0.5"));
        l.apply(f.of("A", Side.SELL, "4", 105, "1"));
        assertThat(l.cash()).isEqualByComparingTo(d(10000 - 10 * 100 + 5 * 40 + 4 * 105 - (1 + 0.5 + 1)));
        assertThat(l.realizedPnl()).isEqualByComparingTo(d((105 - 100) * 4));
        assertThat(l.totalCosts()).isEqualByComparingTo("2.5");
    }

    @Test
    void equity_atMarks_isStartPlusRealizedPlusUnrealizedMinusCosts() {
        Ledger l = new Ledger(new BigDecimal("10000"));
        l.applyAll(List.of(
                f.of("A", Side.BUY, "10", 100, "1"),
                f.of("B", Side.SELL, "5", 40, "0.5"),
                f.of("A", Side.SELL, "4", 105, "1")));
        Map<String, Double> marks = Map.of("A", 102.0, "B", 41.0);
        double unrealized = (102 - 100) * 6 + (41 - 40) * -5;
        assertThat(l.unrealizedPnl(marks)).isEqualByComparingTo(d(unrealized));
        assertThat(l.marketValue(marks)).isEqualByComparingTo(d(102 * 6 - 41 * 5));
        assertThat(l.equity(marks)).isEqualByComparingTo(d(10000 + 20 + unrealized - 2.5));
        assertThat(l.totalPnl(marks)).isEqualByComparingTo(d(20 + unrealized - 2.5));
    }

    @Test
    void grossAndNet_randomFillsAndMarksValuedAgain_equalsEveryPositionValuedAfresh() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        Ledger l = new Ledger(new BigDecimal("1000000"));
        Map<String, Double> marks = new java.util.HashMap<>();
        String[] symbols = {"A", "B", "C", "D"};
        for (String s : symbols) {
            marks.put(s, 50.0);
        }
        int held = 0;
        for (int step = 0; step < 3000; step++) {
            String s = symbols[r.nextInt(symbols.length)];
            int op = r.nextInt(4);
            if (op == 0) {
                // a fill: the position is replaced (closing it now and then)
                BigDecimal q = l.position(s).quantity();
                boolean close = q.signum() != 0 && r.nextInt(4) == 0;
                Side side = close ? (q.signum() > 0 ? Side.SELL : Side.BUY) : r.nextBoolean() ? Side.BUY : Side.SELL;
                String qty = close ? q.abs().toPlainString() : Integer.toString(1 + r.nextInt(20));
                l.apply(f.of(s, side, qty, marks.get(s), "0.5"));
            } else if (op == 1) {
                marks.put(s, Math.rint((20 + r.nextDouble() * 80) * 100) / 100);
            }
            // brute force: every position valued afresh by the same conversions
            BigDecimal gross = Money.ZERO;
            BigDecimal net = Money.ZERO;
            for (Position p : l.positions().values()) {
                BigDecimal v = p.isFlat() ? Money.ZERO : Money.value(p.quantity(), marks.get(p.symbol()));
                gross = gross.add(v.abs());
                net = net.add(v);
            }
            Exposure.GrossNet v = l.grossAndNet(marks);
            assertThat(v.gross()).as("step " + step).isEqualTo(gross);
            assertThat(v.net()).as("step " + step).isEqualTo(net);
            assertThat(l.marketValue(marks)).as("step " + step).isEqualTo(net);
            assertThat(Exposure.gross(l.positions().values(), marks))
                    .as("step " + step)
                    .isEqualTo(gross);
            held += gross.signum() != 0 ? 1 : 0;
        }
        assertThat(held).as("positions held to mean anything").isGreaterThan(1000);
    }

    @Test
    void apply_sameExecutionTwice_isNoOp() {
        Ledger l = new Ledger(new BigDecimal("1000"));
        Execution e = f.of("A", Side.BUY, "2", 10, "1");
        assertThat(l.apply(e)).isTrue();
        assertThat(l.apply(e)).isFalse();
        assertThat(l.applyAll(List.of(e, f.buy("A", "1", 11)))).isEqualTo(1);
        assertThat(l.position("A").quantity()).isEqualByComparingTo("3");
        assertThat(l.cash()).isEqualByComparingTo(d(1000 - 2 * 10 - 1 - 11));
        assertThat(l.executionCount()).isEqualTo(2);
    }

    @Test
    void apply_sameIdOtherContent_isRejectedAndChangesNothing() {
        Ledger l = new Ledger(new BigDecimal("1000"));
        Execution e = f.buy("A", "2", 10);
        l.apply(e);
        Execution conflicting = new Execution(
                e.id(), "A", Side.BUY, new BigDecimal("3"), 10, BigDecimal.ZERO, BigDecimal.ZERO, e.time());
        assertThatThrownBy(() -> l.apply(conflicting))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different content");
        assertThat(l.position("A").quantity()).isEqualByComparingTo("2");
    }

    @Test
    void equity_openPositionWithoutMark_isRejected() {
        Ledger l = new Ledger(new BigDecimal("1000"));
        l.apply(f.buy("A", "1", 10));
        l.apply(f.buy("B", "1", 10));
        l.apply(f.sell("B", "1", 12));
        assertThatThrownBy(() -> l.equity(Map.of("B", 12.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no mark for open position A");
    }

    @Test
    void positions_flatSymbol_isKeptWithItsRealizedPnl() {
        Ledger l = new Ledger(new BigDecimal("1000"));
        l.apply(f.buy("A", "1", 10));
        l.apply(f.sell("A", "1", 12));
        assertThat(l.positions()).containsOnlyKeys("A");
        assertThat(l.position("A").isFlat()).isTrue();
        assertThat(l.equity(Map.of())).isEqualByComparingTo(d(1000 + 2));
        assertThat(l.position("Z")).isEqualTo(Position.flat("Z"));
    }

    @Test
    void startingCapital_isKeptAtLedgerScale() {
        Ledger l = new Ledger(new BigDecimal("2500.5"));
        assertThat(l.startingCapital()).isEqualTo(new BigDecimal("2500.50000000"));
        assertThat(l.cash()).isEqualTo(l.startingCapital());
        assertThat(l.executionCount()).isZero();
    }
}
