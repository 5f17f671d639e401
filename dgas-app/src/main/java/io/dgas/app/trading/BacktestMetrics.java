package io.dgas.app.trading;

import io.dgas.domain.BarSeries;
import io.dgas.ledger.ClosedLot;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Standard figures of a backtest from its equity curve and its closed FIFO lots. Returns are simple returns between
 * consecutive curve points; annualisation uses the curve's own frequency (points per year observed), so daily bars
 * with weekends and intraday bars with nights are both annualised by what they actually sample. A step longer than a
 * week and than ten times the median step is a hole in the data (symbols whose bars lie years apart, a feed down for a
 * month), not time the curve sampled: it is left out of the points per year (it had put 760 hourly points over 13
 * years at 58 a year, and the volatility a tenth of what the bars showed). The risk-free rate is zero.
 *
 * @param totalReturn final equity ÷ initial − 1
 * @param cagr (final ÷ initial)^(1 / years) − 1; NaN over less than a day
 * @param volatility standard deviation of returns × √(points per year)
 * @param sharpe mean return ÷ its standard deviation × √(points per year); NaN without variation
 * @param sortino mean return ÷ downside deviation (root mean square of the negative returns, over all returns) ×
 *     √(points per year); NaN without a losing step
 * @param maxDrawdown largest fall from a running peak, as a fraction of the peak (0..1)
 * @param maxDrawdownBars curve points from that peak to recovery (or to the end when it never recovered)
 * @param winRate closed lots with P&L > 0 ÷ closed lots; NaN without any
 * @param profitFactor Σ winning P&L ÷ |Σ losing P&L|; NaN without a losing lot
 * @param exposure share of curve points with an open position (gross exposure > 0)
 * @param trades closed lots (round trips, FIFO)
 * @param fillLimits fills cut short or refused by a risk limit at fill time, by limit name (e.g. {@code
 *     max_gross_exposure}), sorted by name; empty when none was
 * @param buyAndHoldReturn the benchmark over the same bars: the capital split equally across the symbols replayed,
 *     each bought at its first close in the range and held to its last (no costs, no rebalancing), so the mean of
 *     their returns, last close ÷ first − 1; NaN before {@link #withBuyAndHold} or without a symbol
 * @param excessReturn {@code totalReturn − buyAndHoldReturn}: what trading the signals added over holding
 */
public record BacktestMetrics(
        double totalReturn,
        double cagr,
        double volatility,
        double sharpe,
        double sortino,
        double maxDrawdown,
        int maxDrawdownBars,
        double winRate,
        double profitFactor,
        double exposure,
        int trades,
        Map<String, LimitCount> fillLimits,
        double buyAndHoldReturn,
        double excessReturn) {

    /**
     * How often one limit stopped fills.
     *
     * @param cut fills it cut short (part filled, the rest kept back)
     * @param refused fills it refused outright
     */
    public record LimitCount(int cut, int refused) {}

    private static final double YEAR_SECONDS = 365.25 * 86_400;
    /** A step longer than this (and than ten median steps) is a hole in the data, not sampled time. */
    private static final long HOLE_SECONDS = 7 * 86_400L;

    public static BacktestMetrics of(List<Backtester.EquityPoint> curve, List<ClosedLot> lots) {
        int n = curve.size();
        if (n < 2) {
            return new BacktestMetrics(
                    0,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    0,
                    0,
                    winRate(lots),
                    profitFactor(lots),
                    0,
                    lots.size(),
                    Map.of(),
                    Double.NaN,
                    Double.NaN);
        }
        double first = curve.get(0).equity().doubleValue();
        double last = curve.get(n - 1).equity().doubleValue();
        double years = (curve.get(n - 1).ts() - curve.get(0).ts()) / YEAR_SECONDS;
        double perYear = pointsPerYear(curve);
        double sum = 0;
        double sumSq = 0;
        double downSq = 0;
        int exposed = curve.get(0).gross().signum() > 0 ? 1 : 0;
        double peak = first;
        int peakAt = 0;
        double maxDd = 0;
        int maxDdBars = 0;
        int ddStart = 0;
        boolean inDrawdownOfMax = false;
        for (int i = 1; i < n; i++) {
            double prev = curve.get(i - 1).equity().doubleValue();
            double e = curve.get(i).equity().doubleValue();
            double r = e / prev - 1;
            sum += r;
            sumSq += r * r;
            downSq += r < 0 ? r * r : 0;
            exposed += curve.get(i).gross().signum() > 0 ? 1 : 0;
            if (e >= peak) {
                if (inDrawdownOfMax) {
                    maxDdBars = i - ddStart;
                    inDrawdownOfMax = false;
                }
                peak = e;
                peakAt = i;
            } else {
                double dd = (peak - e) / peak;
                if (dd > maxDd) {
                    maxDd = dd;
                    ddStart = peakAt;
                    inDrawdownOfMax = true;
                }
            }
        }
        if (inDrawdownOfMax) {
            maxDdBars = n - 1 - ddStart;
        }
        int m = n - 1;
        double mean = sum / m;
        double sd = m > 1 ? Math.sqrt(Math.max(0, (sumSq - m * mean * mean) / (m - 1))) : Double.NaN;
        double down = Math.sqrt(downSq / m);
        double annual = Math.sqrt(perYear);
        return new BacktestMetrics(
                last / first - 1,
                years * 365.25 >= 1 ? Math.pow(last / first, 1 / years) - 1 : Double.NaN,
                sd * annual,
                sd > 0 ? mean / sd * annual : Double.NaN,
                down > 0 ? mean / down * annual : Double.NaN,
                maxDd,
                maxDdBars,
                winRate(lots),
                profitFactor(lots),
                (double) exposed / n,
                lots.size(),
                Map.of(),
                Double.NaN,
                Double.NaN);
    }

    /** Steps per year of the time the curve sampled: its steps and their span, holes in the data left out. */
    private static double pointsPerYear(List<Backtester.EquityPoint> curve) {
        int m = curve.size() - 1;
        long[] steps = new long[m];
        for (int i = 0; i < m; i++) {
            steps[i] = curve.get(i + 1).ts() - curve.get(i).ts();
        }
        long[] sorted = steps.clone();
        java.util.Arrays.sort(sorted);
        long hole = Math.max(HOLE_SECONDS, 10 * sorted[m / 2]);
        long seconds = 0;
        int counted = 0;
        for (long dt : steps) {
            if (dt <= hole) {
                seconds += dt;
                counted++;
            }
        }
        return seconds > 0 ? counted / (seconds / YEAR_SECONDS) : Double.NaN;
    }

    /** These metrics with the counts of {@code limited}, a replay's {@link Backtester.Result#fillLimits()}. */
    public BacktestMetrics withFillLimits(List<Backtester.FillLimit> limited) {
        Map<String, LimitCount> counts = new TreeMap<>();
        for (Backtester.FillLimit f : limited) {
            LimitCount c = counts.getOrDefault(f.limit(), new LimitCount(0, 0));
            counts.put(
                    f.limit(),
                    f.execution() == null
                            ? new LimitCount(c.cut(), c.refused() + 1)
                            : new LimitCount(c.cut() + 1, c.refused()));
        }
        return with(Collections.unmodifiableMap(counts), buyAndHoldReturn);
    }

    /** These metrics with the equal-weight buy-and-hold benchmark of {@code series}, those without a bar left out. */
    public BacktestMetrics withBuyAndHold(Collection<BarSeries> series) {
        return with(fillLimits, BuyAndHold.totalReturn(series));
    }

    private BacktestMetrics with(Map<String, LimitCount> limits, double buyAndHold) {
        return new BacktestMetrics(
                totalReturn,
                cagr,
                volatility,
                sharpe,
                sortino,
                maxDrawdown,
                maxDrawdownBars,
                winRate,
                profitFactor,
                exposure,
                trades,
                limits,
                buyAndHold,
                totalReturn - buyAndHold);
    }

    private static double winRate(List<ClosedLot> lots) {
        return lots.isEmpty()
                ? Double.NaN
                : (double) lots.stream().filter(ClosedLot::isWin).count() / lots.size();
    }

    private static double profitFactor(List<ClosedLot> lots) {
        BigDecimal won = BigDecimal.ZERO;
        BigDecimal lost = BigDecimal.ZERO;
        for (ClosedLot l : lots) {
            if (l.isWin()) {
                won = won.add(l.pnl());
            } else if (l.isLoss()) {
                lost = lost.add(l.pnl().negate());
            }
        }
        return lost.signum() == 0 ? Double.NaN : won.doubleValue() / lost.doubleValue();
    }
}
