package io.dgas.ledger;

import static io.dgas.ledger.Fills.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exposure and daily loss; shares compared within 1e-12. */
class RiskFiguresTest {
    private final Fills f = new Fills();

    @Test
    void exposure_longAndShort_grossNetShareAndHerfindahl() {
        Ledger l = new Ledger(new BigDecimal("100000"));
        l.applyAll(List.of(f.buy("A", "10", 100), f.sell("B", "20", 25), f.buy("C", "5", 40), f.buy("D", "1", 9)));
        l.apply(f.sell("D", "1", 9));
        Exposure x = Exposure.of(l.positions().values(), Map.of("A", 120.0, "B", 30.0, "C", 40.0));
        double a = 1200;
        double b = 600;
        double c = 200;
        double gross = a + b + c;
        assertThat(x.gross()).isEqualByComparingTo(d(gross));
        assertThat(x.net()).isEqualByComparingTo(d(a - b + c));
        assertThat(x.largestSymbol()).isEqualTo("A");
        assertThat(x.largestValue()).isEqualByComparingTo(d(a));
        assertThat(x.largestShare()).isCloseTo(a / gross, within(1e-12));
        double hhi = (a / gross) * (a / gross) + (b / gross) * (b / gross) + (c / gross) * (c / gross);
        assertThat(x.herfindahl()).isCloseTo(hhi, within(1e-12));
        assertThat(Exposure.gross(l.positions().values(), Map.of("A", 120.0, "B", 30.0, "C", 40.0)))
                .as("gross alone: the same value and scale")
                .isEqualTo(x.gross());
    }

    @Test
    void exposure_equalPositions_herfindahlIsOneOverN() {
        Ledger l = new Ledger(BigDecimal.ZERO);
        l.applyAll(List.of(f.buy("A", "1", 50), f.sell("B", "2", 25), f.buy("C", "5", 10), f.buy("D", "10", 5)));
        Exposure x = Exposure.of(l.positions().values(), Map.of("A", 50.0, "B", 25.0, "C", 10.0, "D", 5.0));
        assertThat(x.herfindahl()).isCloseTo(1.0 / 4, within(1e-12));
        assertThat(x.largestShare()).isCloseTo(1.0 / 4, within(1e-12));
    }

    @Test
    void exposure_noOpenPosition_isAllZero() {
        Exposure x = Exposure.of(List.of(Position.flat("A")), Map.of());
        assertThat(x).isEqualTo(new Exposure(Money.ZERO, Money.ZERO, null, Money.ZERO, 0, 0));
    }

    @Test
    void dailyLoss_lossBelowLimit_isNotBreachedAndShowsHeadroom() {
        DailyLoss day = DailyLoss.of(new BigDecimal("100000"), new BigDecimal("99250.40"), new BigDecimal("1000"));
        BigDecimal pnl = new BigDecimal("99250.40").subtract(new BigDecimal("100000"));
        assertThat(day.pnl()).isEqualByComparingTo(pnl);
        assertThat(day.breached()).isFalse();
        assertThat(day.headroom()).isEqualByComparingTo(new BigDecimal("1000").add(pnl));
    }

    @Test
    void dailyLoss_lossAtLimit_isBreached() {
        DailyLoss at = DailyLoss.of(new BigDecimal("5000"), new BigDecimal("4500"), new BigDecimal("500"));
        DailyLoss gain = DailyLoss.of(new BigDecimal("5000"), new BigDecimal("5600"), new BigDecimal("500"));
        assertThat(at.breached()).isTrue();
        assertThat(at.headroom()).isEqualByComparingTo("0");
        assertThat(gain.breached()).isFalse();
        assertThat(gain.headroom()).isEqualByComparingTo(d(500 + 600));
    }

    @Test
    void dailyLoss_nonPositiveLimit_isRejected() {
        assertThatThrownBy(() -> DailyLoss.of(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
