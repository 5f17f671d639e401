package io.dgas.app.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacktestMetricsTest {
    private static List<Backtester.EquityPoint> curve(double... equity) {
        List<Backtester.EquityPoint> out = new ArrayList<>();
        for (int i = 0; i < equity.length; i++) {
            BigDecimal e = BigDecimal.valueOf(equity[i]);
            out.add(new Backtester.EquityPoint(
                    i * 6_311_520L, e, e, i % 2 == 0 ? BigDecimal.ONE : BigDecimal.ZERO)); // 73.05 days: 5 a year
        }
        return out;
    }

    @Test
    void of_knownCurve_figuresByArithmetic() {
        // 100 → 110 → 99 → 120 → 108 → 132 over 5 steps of 73.05 days (one year of 365.25 days)
        BacktestMetrics m = BacktestMetrics.of(curve(100, 110, 99, 120, 108, 132), List.of());
        double[] r = {0.1, -0.1, 120 / 99.0 - 1, -0.1, 132 / 108.0 - 1};
        double mean = (r[0] + r[1] + r[2] + r[3] + r[4]) / 5;
        double var = 0;
        for (double x : r) {
            var += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(var / 4);
        double down = Math.sqrt((0.01 + 0.01) / 5);

        assertThat(m.totalReturn()).isCloseTo(0.32, offset(1e-12));
        assertThat(m.cagr()).isCloseTo(0.32, offset(1e-12));
        assertThat(m.volatility()).isCloseTo(sd * Math.sqrt(5), offset(1e-12));
        assertThat(m.sharpe()).isCloseTo(mean / sd * Math.sqrt(5), offset(1e-12));
        assertThat(m.sortino()).isCloseTo(mean / down * Math.sqrt(5), offset(1e-12));
        // the deepest fall is 110 → 99 (10%), recovered at the next point: 2 points from the peak
        assertThat(m.maxDrawdown()).isCloseTo(0.1, offset(1e-12));
        assertThat(m.maxDrawdownBars()).isEqualTo(2);
        assertThat(m.exposure()).isCloseTo(3 / 6.0, offset(1e-12));
    }

    @Test
    void of_unrecoveredDrawdown_lastsToTheEnd() {
        BacktestMetrics m = BacktestMetrics.of(curve(100, 120, 90, 95, 100), List.of());

        assertThat(m.maxDrawdown()).isCloseTo(0.25, offset(1e-12));
        assertThat(m.maxDrawdownBars()).isEqualTo(3);
        assertThat(m.winRate()).isNaN();
    }
}
