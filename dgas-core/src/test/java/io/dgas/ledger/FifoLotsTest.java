package io.dgas.ledger;

import static io.dgas.ledger.Fills.d;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FIFO lot matching; P&L figures are exact. */
class FifoLotsTest {
    private final Fills f = new Fills();

    @Test
    void apply_sellAcrossTwoBuys_closesOldestFirst() {
        FifoLots lots = new FifoLots();
        Execution b1 = f.buy("A", "10", 100);
        Execution b2 = f.buy("A", "10", 110);
        Execution s = f.sell("A", "15", 105);
        lots.applyAll(List.of(b1, b2, s));
        List<ClosedLot> closed = lots.closedLots();
        assertThat(closed).hasSize(2);
        assertThat(closed.get(0).entryExecutionId()).isEqualTo(b1.id());
        assertThat(closed.get(0).quantity()).isEqualByComparingTo("10");
        assertThat(closed.get(0).pnl()).isEqualByComparingTo(d((105 - 100) * 10));
        assertThat(closed.get(1).entryExecutionId()).isEqualTo(b2.id());
        assertThat(closed.get(1).quantity()).isEqualByComparingTo("5");
        assertThat(closed.get(1).pnl()).isEqualByComparingTo(d((105 - 110) * 5));
        assertThat(closed.get(1).exitExecutionId()).isEqualTo(s.id());
        assertThat(lots.wins()).isEqualTo(1);
        assertThat(lots.losses()).isEqualTo(1);
        assertThat(lots.openQuantity("A")).isEqualByComparingTo("5");
    }

    @Test
    void apply_reversal_closesLotsAndOpensShortLotWithRemainder() {
        FifoLots lots = new FifoLots();
        lots.applyAll(List.of(f.buy("A", "4", 20), f.sell("A", "10", 22), f.buy("A", "6", 21)));
        List<ClosedLot> closed = lots.closedLots();
        assertThat(closed).extracting(ClosedLot::entrySide).containsExactly(Side.BUY, Side.SELL);
        assertThat(closed.get(0).pnl()).isEqualByComparingTo(d((22 - 20) * 4));
        assertThat(closed.get(1).pnl()).isEqualByComparingTo(d((22 - 21) * 6));
        assertThat(lots.openQuantity("A")).isEqualByComparingTo("0");
        assertThat(lots.realizedPnl()).isEqualByComparingTo(d(8 + 6));
    }

    @Test
    void realizedPnl_whenFlat_equalsAverageCost_butNotWhileOpen() {
        List<Execution> open = List.of(f.buy("A", "10", 100), f.buy("A", "10", 110), f.sell("A", "10", 120));
        FifoLots lots = new FifoLots();
        lots.applyAll(open);
        Ledger ledger = new Ledger(BigDecimal.ZERO);
        ledger.applyAll(open);
        // Open: FIFO closed the 100 lot (+200), average cost closed at 105 (+150).
        assertThat(lots.realizedPnl()).isEqualByComparingTo(d((120 - 100) * 10));
        assertThat(ledger.realizedPnl()).isEqualByComparingTo(d((120 - 105) * 10));
        Execution flat = f.sell("A", "10", 90);
        lots.apply(flat);
        ledger.apply(flat);
        double total = -(10 * 100 + 10 * 110) + 10 * 120 + 10 * 90;
        assertThat(lots.realizedPnl()).isEqualByComparingTo(d(total));
        assertThat(ledger.realizedPnl()).isEqualByComparingTo(d(total));
    }

    @Test
    void apply_duplicateId_isNoOp_andBreakEvenLotIsNeitherWinNorLoss() {
        FifoLots lots = new FifoLots();
        Execution buy = f.buy("A", "1", 50);
        assertThat(lots.apply(buy)).isTrue();
        assertThat(lots.apply(buy)).isFalse();
        lots.apply(f.sell("A", "1", 50));
        assertThat(lots.closedLots()).hasSize(1);
        assertThat(lots.wins() + lots.losses()).isZero();
    }
}
