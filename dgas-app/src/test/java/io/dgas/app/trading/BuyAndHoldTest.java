package io.dgas.app.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuyAndHoldTest {
    private static BarSeries series(String symbol, long firstTs, double... closes) {
        BarSeries s = new BarSeries(symbol, Timeframe.H1);
        for (int i = 0; i < closes.length; i++) {
            s.append(firstTs + i * 3600L, closes[i], closes[i], closes[i], closes[i], 1);
        }
        return s;
    }

    @Test
    void values_symbolStartingLater_holdsItsShareInCashUntilItsFirstBar() {
        BarSeries early = series("A", 0, 10, 12, 15); // bars at 0 h, 1 h, 2 h
        BarSeries late = series("B", 7200, 40, 50); // bars at 2 h, 3 h
        BarSeries none = series("C", 0);

        List<Double> v = BuyAndHold.values(List.of(early, late, none), new long[] {0, 3600, 7200, 10800}, 1000);

        // half the start in each symbol: A's ratio to its first close, B at 1 until its first bar
        assertThat(v.get(0)).isCloseTo(500 * 1.0 + 500 * 1.0, offset(1e-9));
        assertThat(v.get(1)).isCloseTo(500 * 1.2 + 500 * 1.0, offset(1e-9));
        assertThat(v.get(2)).isCloseTo(500 * 1.5 + 500 * 1.0, offset(1e-9));
        assertThat(v.get(3)).isCloseTo(500 * 1.5 + 500 * 1.25, offset(1e-9));
        // the curve's end is the total return
        assertThat(v.get(3) / 1000 - 1).isCloseTo(BuyAndHold.totalReturn(List.of(early, late, none)), offset(1e-12));
    }

    @Test
    void values_noSeriesWithABar_isEmptyAndTheReturnNaN() {
        BarSeries none = series("C", 0);

        assertThat(BuyAndHold.values(List.of(none), new long[] {0, 3600}, 1000)).isEmpty();
        assertThat(BuyAndHold.totalReturn(List.of(none))).isNaN();
    }
}
