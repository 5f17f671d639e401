package io.dgas.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Invariants over {@value #SEQUENCES} seeded random execution sequences per property. Tolerances come from the one
 * rounding per notional (and per released cost basis or lot P&L) at 10⁻⁸: half of 10⁻⁸ per rounding, far below a
 * cent for these sizes.
 */
class LedgerPropertiesTest {
    private static final int SEQUENCES = 2_000;
    private static final BigDecimal HALF_UNIT = new BigDecimal("0.5e-8");
    private static final BigDecimal CAPITAL = new BigDecimal("100000");

    /** A property of one random sequence. */
    private interface Property {
        void check(long seed, RandomFills gen, List<Execution> fills);
    }

    /** {@code property} over {@value #SEQUENCES} sequences of 1 to 60 executions. */
    private static void forAll(boolean flatten, Property property) {
        for (long seed = 0; seed < SEQUENCES; seed++) {
            RandomFills gen = new RandomFills(seed);
            property.check(seed, gen, gen.sequence(1 + gen.nextInt(60), flatten));
        }
    }

    private static Ledger ledger(List<Execution> fills) {
        Ledger ledger = new Ledger(CAPITAL);
        ledger.applyAll(fills);
        return ledger;
    }

    private static FifoLots lots(List<Execution> fills) {
        FifoLots lots = new FifoLots();
        lots.applyAll(fills);
        return lots;
    }

    private static Offset<BigDecimal> tolerance(int roundings) {
        return within(HALF_UNIT.multiply(BigDecimal.valueOf(roundings)));
    }

    /** (1) Cash and market value computed from the raw fills, without the ledger, against the ledger's P&L. */
    @Test
    void equity_randomSequences_reconcilesToCapitalPlusTotalPnlToTheCent() {
        forAll(false, (seed, gen, fills) -> {
            Ledger ledger = ledger(fills);
            Map<String, Double> marks = gen.marks();
            BigDecimal cash = CAPITAL;
            Map<String, BigDecimal> held = new HashMap<>();
            for (Execution e : fills) {
                cash = cash.subtract(e.signedQuantity().multiply(Money.price(e.price())))
                        .subtract(e.costs());
                held.merge(e.symbol(), e.signedQuantity(), BigDecimal::add);
            }
            BigDecimal marketValue = BigDecimal.ZERO;
            for (var h : held.entrySet()) {
                marketValue = marketValue.add(h.getValue().multiply(Money.price(marks.get(h.getKey()))));
            }
            BigDecimal books = CAPITAL.add(ledger.totalPnl(marks));

            assertThat(books).as("seed %d", seed).isCloseTo(cash.add(marketValue), tolerance(fills.size() + 4));
            assertThat(ledger.cash()).as("seed %d", seed).isCloseTo(cash, tolerance(fills.size()));
            // The ledger's own figures satisfy the identity exactly.
            assertThat(ledger.equity(marks)).as("seed %d", seed).isEqualByComparingTo(books);
        });
    }

    /** Each fill realizes (fill − average before) × closed quantity × sign of the position. */
    @Test
    void realizedPnl_eachRandomFill_isFillMinusAverageTimesClosedQuantity() {
        forAll(false, (seed, gen, fills) -> {
            Map<String, Position> book = new HashMap<>();
            for (Execution e : fills) {
                Position before = book.getOrDefault(e.symbol(), Position.flat(e.symbol()));
                Position after = before.apply(e);
                book.put(e.symbol(), after);
                BigDecimal closed = BigDecimal.ZERO;
                if (before.quantity().signum() == -e.signedQuantity().signum()) {
                    closed = before.quantity().abs().min(e.quantity());
                }
                BigDecimal expected = Money.price(e.price())
                        .subtract(before.averagePrice())
                        .multiply(closed)
                        .multiply(BigDecimal.valueOf(before.quantity().signum()));
                BigDecimal realized = after.realizedPnl().subtract(before.realizedPnl());
                assertThat(realized)
                        .as("seed %d %s", seed, e.id())
                        .isCloseTo(expected, within(HALF_UNIT.multiply(closed.add(BigDecimal.valueOf(3)))));
            }
        });
    }

    /** (2) The same executions in random consecutive batches, each batch re-sending earlier ones, give one state. */
    @Test
    void applyAll_randomBatchesWithRepeats_giveIdenticalPositionsAndCash() {
        forAll(false, (seed, gen, fills) -> {
            Ledger batched = new Ledger(CAPITAL);
            FifoLots lotsBatched = new FifoLots();
            int done = 0;
            while (done < fills.size()) {
                int end = Math.min(fills.size(), done + 1 + gen.nextInt(8));
                // A re-delivery: the batch repeats a random stretch of what was already applied.
                int from = done == 0 ? 0 : gen.nextInt(done);
                List<Execution> batch = new ArrayList<>(fills.subList(from, end));
                assertThat(batched.applyAll(batch)).isEqualTo(end - done);
                lotsBatched.applyAll(batch);
                done = end;
            }
            Ledger once = ledger(fills);
            assertThat(batched.positions()).as("seed %d", seed).isEqualTo(once.positions());
            assertThat(batched.cash()).as("seed %d", seed).isEqualTo(once.cash());
            assertThat(batched.executionCount()).isEqualTo(fills.size());
            assertThat(lotsBatched.closedLots())
                    .as("seed %d", seed)
                    .isEqualTo(lots(fills).closedLots());
        });
    }

    /**
     * (3) Once every symbol is flat, FIFO and average cost agree on total realized P&L: both equal −Σ notionals
     * (average cost exactly, FIFO up to one rounding per lot and per notional). While a position is open they need
     * not agree (see {@code FifoLotsTest}).
     */
    @Test
    void fifoRealizedPnl_randomSequencesClosedFlat_equalsAverageCostRealizedPnl() {
        forAll(true, (seed, gen, fills) -> {
            Ledger ledger = ledger(fills);
            FifoLots lots = lots(fills);
            assertThat(ledger.positions().values()).allMatch(Position::isFlat);
            BigDecimal notionals = fills.stream().map(Execution::notional).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(ledger.realizedPnl()).as("seed %d", seed).isEqualByComparingTo(notionals.negate());
            int roundings = fills.size() + lots.closedLots().size();
            assertThat(lots.realizedPnl()).as("seed %d", seed).isCloseTo(ledger.realizedPnl(), tolerance(roundings));
        });
    }
}
