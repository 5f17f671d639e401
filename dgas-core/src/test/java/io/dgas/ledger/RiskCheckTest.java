package io.dgas.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskCheckTest {
    private final Fills f = new Fills();
    private final RiskLimits limits =
            new RiskLimits(new BigDecimal("5000"), new BigDecimal("8000"), new BigDecimal("500"), 3);
    private final RiskCheck.Activity calm = new RiskCheck.Activity(new BigDecimal("100000"), 0);

    private RiskCheck.Decision check(
            Ledger l, Map<String, Double> marks, String sym, Side side, String qty, double px) {
        return RiskCheck.check(limits, l, marks, sym, side, new BigDecimal(qty), px, calm);
    }

    @Test
    void check_withinLimits_acceptsTheQuantity() {
        RiskCheck.Decision d = check(new Ledger(new BigDecimal("100000")), Map.of(), "A", Side.BUY, "40", 100);
        assertThat(d.accepted()).isTrue();
        assertThat(d.quantity()).isEqualByComparingTo("40");
        assertThat(d.limit()).isNull();
    }

    @Test
    void check_overPositionValue_capsToWholeUnitsUnderIt() {
        RiskCheck.Decision d = check(new Ledger(new BigDecimal("100000")), Map.of(), "A", Side.BUY, "80", 70);
        // 5000 / 70 = 71.4 → 71
        assertThat(d.quantity()).isEqualByComparingTo("71");
        assertThat(d.limit()).isEqualTo(RiskLimits.POSITION);
    }

    @Test
    void check_overGrossExposure_capsByWhatOtherSymbolsLeave() {
        Ledger l = new Ledger(new BigDecimal("100000"));
        l.apply(f.buy("B", "45", 100));
        // others 4,500 at mark 100 → 3,500 left at 50 → 70 units
        RiskCheck.Decision d = check(l, Map.of("B", 100.0), "A", Side.SELL, "90", 50);
        assertThat(d.quantity()).isEqualByComparingTo("70");
        assertThat(d.limit()).isEqualTo(RiskLimits.GROSS);

        l.apply(f.buy("C", "35", 100));
        RiskCheck.Decision none = check(l, Map.of("B", 100.0, "C", 100.0), "A", Side.BUY, "1", 50);
        assertThat(none.accepted()).isFalse();
        assertThat(none.limit()).isEqualTo(RiskLimits.GROSS);
    }

    @Test
    void check_dailyLossReachedOrRateExceeded_refusesNewRiskButNotAnExit() {
        Ledger l = new Ledger(new BigDecimal("100000"));
        l.apply(f.buy("A", "10", 100));
        Map<String, Double> down = Map.of("A", 50.0);
        RiskCheck.Activity lost = new RiskCheck.Activity(new BigDecimal("100000"), 0);

        RiskCheck.Decision add = RiskCheck.check(limits, l, down, "A", Side.BUY, BigDecimal.ONE, 50, lost);
        RiskCheck.Decision exit = RiskCheck.check(limits, l, down, "A", Side.SELL, BigDecimal.TEN, 50, lost);
        RiskCheck.Decision busy = RiskCheck.check(
                limits,
                l,
                Map.of("A", 100.0),
                "B",
                Side.BUY,
                BigDecimal.ONE,
                10,
                new RiskCheck.Activity(new BigDecimal("100000"), 3));

        assertThat(add.limit()).isEqualTo(RiskLimits.DAILY_LOSS);
        assertThat(add.accepted()).isFalse();
        assertThat(exit.accepted()).isTrue();
        assertThat(exit.quantity()).isEqualByComparingTo("10");
        assertThat(busy.limit()).isEqualTo(RiskLimits.RATE);
    }
}
