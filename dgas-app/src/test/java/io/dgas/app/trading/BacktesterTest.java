package io.dgas.app.trading;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.calc.drummond.Atr;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.Execution;
import io.dgas.ledger.FifoLots;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskLimits;
import io.dgas.ledger.Sizing;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BacktesterTest {
    private static final long START = 1_704_067_200L; // 2024-01-01T00:00:00Z
    private static final int BARS = 800;
    private static final int T = 550;

    private static final Backtester.Config CONFIG = new Backtester.Config(
            Timeframe.H1,
            Timeframe.H4,
            new BigDecimal("100000"),
            new RiskLimits(new BigDecimal("20000"), new BigDecimal("100000"), new BigDecimal("5000"), 100),
            new PaperRules(Sizing.PERCENT_EQUITY, new BigDecimal("10"), 5, new BigDecimal("0.005"), 0, BigDecimal.ONE),
            MtfParams.defaults(),
            SignalParams.defaults());

    /** A random walk of {@code n} hourly bars; from bar {@code switchAt} on it follows {@code futureSeed}. */
    private static BarSeries walk(String symbol, long seed, int n, int switchAt, long futureSeed) {
        BarSeries s = new BarSeries(symbol, Timeframe.H1);
        SplittableRandom r = new SplittableRandom(seed);
        double close = 50 + r.nextDouble() * 100;
        double drift = 0;
        for (int i = 0; i < n; i++) {
            if (i == switchAt) {
                r = new SplittableRandom(futureSeed);
            }
            if (r.nextInt(40) == 0) {
                drift = (r.nextDouble() - 0.5) * 0.004;
            }
            double open = close;
            close = open * Math.exp(drift + (r.nextDouble() - 0.5) * 0.02);
            double high = Math.max(open, close) * (1 + r.nextDouble() * 0.005);
            double low = Math.min(open, close) * (1 - r.nextDouble() * 0.005);
            s.append(START + i * 3600L, open, high, low, close, 1000);
        }
        return s;
    }

    private static Backtester.Result run(int n, long futureSalt) {
        return run(n, futureSalt, new LinkedHashMap<>());
    }

    /** @param trading receives the trading bars replayed */
    private static Backtester.Result run(int n, long futureSalt, Map<String, BarSeries> trading) {
        Map<String, BarSeries> higher = new LinkedHashMap<>();
        for (int k = 0; k < 4; k++) {
            BarSeries t = walk("S" + k, 100 + k, n, T + 1, 9_000 + k + futureSalt);
            trading.put(t.symbol(), t);
            long end = t.ts()[t.size() - 1] + 3600;
            higher.put(t.symbol(), BarAggregator.complete(t, Timeframe.H4, end));
        }
        return Backtester.run(trading, higher, CONFIG);
    }

    @Test
    void run_differentFutureAfterT_identicalFillsAndEquityUpToT() {
        long tEnd = START + T * 3600L;
        Backtester.Result upToT = run(T + 1, 0);
        Backtester.Result a = run(BARS, 1);
        Backtester.Result b = run(BARS, 2);

        List<Execution> fillsToT = upToT.fills();
        assertThat(fillsToT)
                .as("the test needs trades before T to mean anything")
                .hasSizeGreaterThan(4);
        assertThat(limitEntries(upToT).stream().filter(x -> x.fill() != null))
                .as("and limit entries filled before T (placed at bar i, filled at a later bar)")
                .isNotEmpty()
                .allSatisfy(x -> assertThat(x.fill().time().getEpochSecond())
                        .isGreaterThan(x.decision().fillAfter()));
        for (Backtester.Result other : List.of(a, b)) {
            assertThat(other.fills().stream()
                            .filter(e -> e.time().getEpochSecond() <= tEnd)
                            .toList())
                    .isEqualTo(fillsToT);
            assertThat(other.equity().stream().filter(p -> p.ts() <= tEnd).toList())
                    .isEqualTo(upToT.equity());
        }
        assertThat(a.fills()).isNotEqualTo(b.fills());
    }

    /** An accepted limit entry of a replay with its fill ({@code null}: it lapsed or the bars ended first). */
    record LimitEntry(OrderDecision decision, Execution fill) {}

    /**
     * The accepted limit entries of {@code r} with their fills: the replay names its k-th accepted order {@code bt-k},
     * whose execution is {@code paper-bt-k}.
     */
    private static List<LimitEntry> limitEntries(Backtester.Result r) {
        Map<String, Execution> byId = new java.util.HashMap<>();
        r.fills().forEach(e -> byId.put(e.id(), e));
        List<LimitEntry> out = new java.util.ArrayList<>();
        int k = 0;
        for (OrderDecision d : r.decisions()) {
            if (!d.accepted()) {
                continue;
            }
            k++;
            if (d.limitPrice() != null) {
                out.add(new LimitEntry(d, byId.get("paper-bt-" + k)));
            }
        }
        return out;
    }

    @Test
    void run_limitEntries_fillAtTheFirstBarWithinTheExpiryReachingTheLimit_atTheLimitOrABetterOpen() {
        Map<String, BarSeries> trading = new LinkedHashMap<>();
        Backtester.Result r = run(BARS, 0, trading);
        int expiry = CONFIG.signals().expiryBars();
        List<LimitEntry> entries = limitEntries(r);
        int atLimit = 0;
        int lapsed = 0;

        for (LimitEntry x : entries) {
            OrderDecision d = x.decision();
            BarSeries s = trading.get(d.symbol());
            boolean buy = d.side() == io.dgas.ledger.Side.BUY;
            double limit = d.limitPrice();
            long expected = -1;
            double price = Double.NaN;
            // the bars after the signal's, up to expiry × 1h after it: the first that trades at or through the limit
            for (int i = 0; i < s.size() && s.ts()[i] <= d.fillAfter() + expiry * 3600L; i++) {
                if (s.ts()[i] <= d.fillAfter()) {
                    continue;
                }
                double open = s.open()[i];
                if (buy ? open <= limit : open >= limit) {
                    expected = s.ts()[i];
                    price = open;
                    break;
                }
                if (buy ? s.low()[i] <= limit : s.high()[i] >= limit) {
                    expected = s.ts()[i];
                    price = limit;
                    break;
                }
            }
            boolean endsEarly = d.fillAfter() + expiry * 3600L > s.ts()[s.size() - 1];
            if (expected < 0) {
                if (!endsEarly) {
                    lapsed++;
                }
                assertThat(x.fill()).as("lapsed: %s", d).isNull();
                continue;
            }
            atLimit += price == limit ? 1 : 0;
            Execution e = x.fill();
            assertThat(e).as("filled: %s", d).isNotNull();
            assertThat(e.time().getEpochSecond()).isEqualTo(expected);
            assertThat(e.price())
                    .as("no slippage on a limit: the limit or a better open")
                    .isEqualTo(price);
            assertThat(e.quantity()).isEqualByComparingTo(d.quantity());
            // commission: 0.005 per share, at least 1
            BigDecimal commission =
                    d.quantity().multiply(new BigDecimal("0.005")).max(BigDecimal.ONE);
            assertThat(e.commission()).isEqualByComparingTo(commission);
        }
        assertThat(entries).as("limit entries placed").hasSizeGreaterThan(3);
        assertThat(atLimit).as("filled at the limit itself").isPositive();
        assertThat(lapsed).as("lapsed unfilled after the expiry").isPositive();
    }

    @Test
    void run_anyReplay_ledgerReconcilesToTheCurve() {
        Backtester.Result r = run(BARS, 0);
        Backtester.EquityPoint last = r.equity().get(r.equity().size() - 1);

        assertThat(last.cash()).isEqualByComparingTo(r.ledger().cash());
        FifoLots lots = new FifoLots();
        lots.applyAll(r.fills());
        BacktestMetrics m = BacktestMetrics.of(r.equity(), lots.closedLots());
        assertThat(m.trades()).isPositive();
        assertThat(m.totalReturn())
                .isCloseTo(last.equity().doubleValue() / 100_000 - 1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(m.exposure()).isBetween(0.0, 1.0);
    }

    @Test
    void wilderAtr_barByBar_equalsTheBatchAtr() {
        BarSeries s = walk("X", 7, 300, 300, 0);
        double[] batch = Atr.wilder(s, 14, s.size());
        WilderAtr inc = new WilderAtr(14);
        for (int i = 0; i < s.size(); i++) {
            double v = inc.add(s.high()[i], s.low()[i], s.close()[i]);
            if (Double.isNaN(batch[i])) {
                assertThat(v).isNaN();
            } else {
                assertThat(v).isEqualTo(batch[i]);
            }
        }
    }
}
