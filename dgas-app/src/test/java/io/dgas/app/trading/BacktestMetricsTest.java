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
    void withBuyAndHold_equalWeightOfEachSymbolsFirstAndLastClose_symbolsWithoutBarsLeftOut() {
        io.dgas.domain.BarSeries up = new io.dgas.domain.BarSeries("UP", io.dgas.domain.Timeframe.H1)
                .append(0, 10, 10, 10, 10, 1)
                .append(3600, 10, 13, 10, 12, 1)
                .append(7200, 12, 13, 12, 13, 1);
        io.dgas.domain.BarSeries down =
                new io.dgas.domain.BarSeries("DN", io.dgas.domain.Timeframe.H1).append(3600, 50, 50, 40, 40, 1);
        io.dgas.domain.BarSeries none = new io.dgas.domain.BarSeries("NONE", io.dgas.domain.Timeframe.H1);

        BacktestMetrics m = BacktestMetrics.of(curve(100, 110, 99, 120, 108, 132), List.of())
                .withBuyAndHold(List.of(up, down, none));
        BacktestMetrics alone = BacktestMetrics.of(curve(100, 110), List.of()).withBuyAndHold(List.of(none));

        // UP 10 → 13: +30 %; DN 40 → 40 (one bar): 0 %; half the capital each
        assertThat(m.buyAndHoldReturn()).isCloseTo((0.3 + 0) / 2, offset(1e-12));
        assertThat(m.excessReturn()).isCloseTo(0.32 - 0.15, offset(1e-12));
        assertThat(alone.buyAndHoldReturn()).isNaN();
        assertThat(alone.excessReturn()).isNaN();
    }

    @Test
    void of_curveWithAHoleOfYears_annualisesByTheStepsItSampled() {
        // hourly points: 3 in 2013, then 4 in 2026 (the demo's BTCUSD and its synthetic symbols in one backtest)
        long h = 3600;
        long later = 13 * 365 * 86_400L;
        long[] ts = {0, h, 2 * h, later, later + h, later + 2 * h, later + 3 * h};
        double[] equity = {100, 101, 100, 100, 102, 101, 103};
        List<Backtester.EquityPoint> c = new ArrayList<>();
        for (int i = 0; i < ts.length; i++) {
            BigDecimal e = BigDecimal.valueOf(equity[i]);
            c.add(new Backtester.EquityPoint(ts[i], e, e, BigDecimal.ZERO));
        }

        BacktestMetrics m = BacktestMetrics.of(c, List.of());

        // 5 hourly steps sampled, the 13-year step left out: 8,766 points a year (it was 6 steps over 13 years)
        double[] r = {0.01, 100 / 101.0 - 1, 0, 0.02, 101 / 102.0 - 1, 103 / 101.0 - 1};
        double mean = java.util.Arrays.stream(r).average().orElseThrow();
        double var =
                java.util.Arrays.stream(r).map(x -> (x - mean) * (x - mean)).sum() / 5;
        assertThat(m.volatility()).isCloseTo(Math.sqrt(var) * Math.sqrt(8766), offset(1e-9));
        assertThat(m.sharpe()).isCloseTo(mean / Math.sqrt(var) * Math.sqrt(8766), offset(1e-9));
        // the compound annual growth stays over the calendar: 3 % in 13 years
        double years = (later + 3 * h) / (365.25 * 86_400);
        assertThat(m.cagr()).isCloseTo(Math.pow(1.03, 1 / years) - 1, offset(1e-12));
    }

    @Test
    void of_unrecoveredDrawdown_lastsToTheEnd() {
        BacktestMetrics m = BacktestMetrics.of(curve(100, 120, 90, 95, 100), List.of());

        assertThat(m.maxDrawdown()).isCloseTo(0.25, offset(1e-12));
        assertThat(m.maxDrawdownBars()).isEqualTo(3);
        assertThat(m.winRate()).isNaN();
    }
}
