package io.dgas.ledger;

import static io.dgas.ledger.Fills.d;
import static io.dgas.ledger.Fills.replay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Average-cost arithmetic; money compared within 1e-8 (the ledger's scale) unless exact. */
class PositionTest {
    private static final BigDecimal EPS = new BigDecimal("1e-8");
    private final Fills f = new Fills();

    @Test
    void apply_addingToLong_reaveragesByQuantity() {
        Position p = replay(f.buy("A", "10", 100), f.buy("A", "30", 104));
        assertThat(p.quantity()).isEqualByComparingTo("40");
        assertThat(p.averagePrice()).isCloseTo(d((10 * 100 + 30 * 104) / 40.0), within(EPS));
        assertThat(p.realizedPnl()).isEqualByComparingTo("0");
    }

    @Test
    void apply_reducingLong_keepsAverageAndRealizesClosedPart() {
        Position p = replay(f.buy("A", "10", 100), f.buy("A", "30", 104), f.sell("A", "15", 110));
        assertThat(p.quantity()).isEqualByComparingTo("25");
        assertThat(p.averagePrice()).isCloseTo(d(103), within(EPS));
        assertThat(p.realizedPnl()).isCloseTo(d((110 - 103) * 15), within(EPS));
    }

    @Test
    void apply_closingShortAboveEntry_realizesLoss() {
        Position p = replay(f.sell("A", "20", 50), f.sell("A", "20", 54), f.buy("A", "40", 55));
        assertThat(p.isFlat()).isTrue();
        assertThat(p.costBasis()).isEqualByComparingTo("0");
        assertThat(p.averagePrice()).isEqualByComparingTo("0");
        assertThat(p.realizedPnl()).isEqualByComparingTo(d((52 - 55) * 40));
    }

    @Test
    void apply_sellThroughZero_closesAllAtFillAndReopensShortAtFill() {
        Position p = replay(f.buy("A", "10", 100), f.sell("A", "25", 90));
        assertThat(p.quantity()).isEqualByComparingTo("-15");
        assertThat(p.averagePrice()).isEqualByComparingTo("90");
        assertThat(p.costBasis()).isEqualByComparingTo(d(-15 * 90));
        assertThat(p.realizedPnl()).isEqualByComparingTo(d((90 - 100) * 10));
    }

    @Test
    void apply_buyThroughZero_closesShortAndReopensLongAtFill() {
        Position p = replay(f.sell("A", "4", 20), f.buy("A", "10", 18.5));
        assertThat(p.quantity()).isEqualByComparingTo("6");
        assertThat(p.averagePrice()).isEqualByComparingTo("18.5");
        assertThat(p.realizedPnl()).isEqualByComparingTo(d((20 - 18.5) * 4));
    }

    @Test
    void apply_commissionsAndFees_areCostsNotPnl() {
        Execution buy = new Execution(
                "c1",
                "A",
                Side.BUY,
                new BigDecimal("3"),
                10,
                new BigDecimal("1.25"),
                new BigDecimal("0.05"),
                Instant.EPOCH);
        Position p = replay(buy, f.of("A", Side.SELL, "3", 12, "1.25"));
        assertThat(p.realizedPnl()).isEqualByComparingTo(d((12 - 10) * 3));
        assertThat(p.costs()).isEqualByComparingTo(d(1.25 + 0.05 + 1.25));
    }

    @Test
    void unrealizedPnl_longAndShort_marksDifferenceToAverage() {
        Position longs = replay(f.buy("A", "8", 25), f.buy("A", "2", 30));
        Position shorts = replay(f.sell("B", "5", 40));
        assertThat(longs.unrealizedPnl(27)).isEqualByComparingTo(d((27 - 26) * 10));
        assertThat(longs.marketValue(27)).isEqualByComparingTo(d(27 * 10));
        assertThat(shorts.unrealizedPnl(37.5)).isEqualByComparingTo(d((37.5 - 40) * -5));
        assertThat(shorts.marketValue(37.5)).isEqualByComparingTo(d(-37.5 * 5));
    }

    @Test
    void apply_fractionalQuantityAndPrice_roundsOnlyAtTheEighthDecimal() {
        Position p = replay(f.buy("BTC", "0.12345678", 43210.17), f.buy("BTC", "0.5", 43000.03));
        BigDecimal expected =
                new BigDecimal("0.12345678").multiply(d(43210.17)).add(new BigDecimal("0.5").multiply(d(43000.03)));
        assertThat(p.costBasis()).isCloseTo(expected, within(EPS));
        assertThat(p.quantity()).isEqualByComparingTo("0.62345678");
    }

    @Test
    void apply_otherSymbol_isRejected() {
        assertThatThrownBy(() -> Position.flat("A").apply(f.buy("B", "1", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is for B");
    }
}
