package io.dgas.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaperRulesTest {
    private final Fills f = new Fills();

    private static PaperRules rules(Sizing s, String value) {
        return new PaperRules(s, new BigDecimal(value), 10, new BigDecimal("0.01"), 0.1, new BigDecimal("1"));
    }

    @Test
    void quantity_eachSizingRule_wholeUnitsRoundedDown() {
        assertThat(rules(Sizing.FIXED_QUANTITY, "7").quantity(50, BigDecimal.ZERO))
                .isEqualByComparingTo("7");
        assertThat(rules(Sizing.FIXED_CASH, "1000").quantity(30, BigDecimal.ZERO))
                .isEqualByComparingTo("33");
        // 5% of 100,000 = 5,000 at 70 → 71.43 → 71
        assertThat(rules(Sizing.PERCENT_EQUITY, "5").quantity(70, new BigDecimal("100000")))
                .isEqualByComparingTo("71");
        assertThat(rules(Sizing.FIXED_CASH, "10").quantity(30, BigDecimal.ZERO)).isEqualByComparingTo("0");
    }

    @Test
    void fillPrice_slippage_movesAgainstTheTrader() {
        PaperRules r = rules(Sizing.FIXED_CASH, "1");
        assertThat(r.fillPrice(Side.BUY, 100)).isEqualTo(100 * (1 + 10 / 10_000.0));
        assertThat(r.fillPrice(Side.SELL, 100)).isEqualTo(100 * (1 - 10 / 10_000.0));
    }

    @Test
    void commission_perSharePlusPercent_atLeastTheMinimum() {
        PaperRules r = rules(Sizing.FIXED_CASH, "1");
        // 1000 × 0.01 + 1000 × 50 × 0.1% = 10 + 50
        assertThat(r.commission(new BigDecimal("1000"), 50)).isEqualByComparingTo(Fills.d(10 + 50));
        // 1 × 0.01 + 50 × 0.1% = 0.06 < minimum 1
        assertThat(r.commission(BigDecimal.ONE, 50)).isEqualByComparingTo("1");
    }

    @Test
    void constructor_outOfRangeValues_areRefused() {
        assertThatThrownBy(() -> rules(Sizing.PERCENT_EQUITY, "101"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sizing value of percent_equity must be above 0 and at most 100, was 101");
        assertThatThrownBy(() -> new PaperRules(Sizing.FIXED_CASH, BigDecimal.ONE, -1, Money.ZERO, 0, Money.ZERO))
                .hasMessageContaining("slippage");
    }

    @Test
    void restore_fromPositions_equalsTheReplayedLedger() {
        Ledger replayed = new Ledger(new BigDecimal("10000"));
        replayed.applyAll(List.of(
                f.of("A", Side.BUY, "10", 100, "1"),
                f.of("B", Side.SELL, "5", 40, "0.5"),
                f.of("A", Side.SELL, "4", 105, "1"),
                f.of("C", Side.BUY, "3", 10, "0.25"),
                f.of("C", Side.SELL, "3", 12, "0.25")));

        Ledger restored =
                Ledger.restore(new BigDecimal("10000"), replayed.positions().values());

        Map<String, Double> marks = Map.of("A", 101.0, "B", 39.0);
        assertThat(restored.cash()).isEqualByComparingTo(replayed.cash());
        assertThat(restored.equity(marks)).isEqualByComparingTo(replayed.equity(marks));
        assertThat(restored.positions()).isEqualTo(replayed.positions());
    }
}
