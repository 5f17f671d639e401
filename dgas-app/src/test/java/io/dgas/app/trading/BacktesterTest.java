package io.dgas.app.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dgas.calc.drummond.Atr;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.Signal;
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

    /**
     * An accepted limit entry of a replay with its fill ({@code null}: it lapsed or the bars ended first, or a limit
     * refused it) and the first limit that cut or refused a fill of it ({@code null}: none).
     */
    record LimitEntry(OrderDecision decision, Execution fill, Backtester.FillLimit limited) {}

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
                String ref = "bt-" + k;
                Backtester.FillLimit limited = r.fillLimits().stream()
                        .filter(x -> x.ref().equals(ref))
                        .findFirst()
                        .orElse(null);
                out.add(new LimitEntry(d, byId.get("paper-" + ref), limited));
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
        int limited = 0;

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
                assertThat(x.limited()).as("never reached: %s", d).isNull();
                continue;
            }
            if (x.limited() != null) {
                // cut or refused by a limit at the bar that reached the price (other tests check the arithmetic)
                limited++;
                assertThat(x.limited().ts()).as("limited: %s", d).isEqualTo(expected);
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
        assertThat(limited).as("limited at fill, as in paper sessions").isLessThan(entries.size());
    }

    @Test
    void run_seriesShorterThanItsArrays_curveHasOnePointPerBarTime() {
        // 100 bars in arrays grown to 128: the unused tail holds timestamp 0, which is no bar time (the curve began
        // with a point at 1970-01-01, and CAGR, volatility and Sharpe were annualised over 56 years)
        Map<String, BarSeries> trading = new LinkedHashMap<>();
        BarSeries t = walk("S0", 100, 100, 100, 0);
        trading.put(t.symbol(), t);
        long end = t.ts()[t.size() - 1] + 3600;

        Backtester.Result r =
                Backtester.run(trading, Map.of(t.symbol(), BarAggregator.complete(t, Timeframe.H4, end)), CONFIG);

        assertThat(t.ts()).hasSizeGreaterThan(t.size());
        assertThat(r.equity()).hasSize(100);
        assertThat(r.equity().get(0).ts()).isEqualTo(START);
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
    void run_everyEquityPoint_equalsTheFillsReplayedIntoALedgerMarkedAtTheCloses() {
        Map<String, BarSeries> trading = new LinkedHashMap<>();
        Backtester.Result r = run(BARS, 0, trading);
        // brute force: the fills up to each timestamp applied to a fresh ledger, marked at every symbol's close
        io.dgas.ledger.Ledger ledger = new io.dgas.ledger.Ledger(CONFIG.capital());
        Map<String, Double> marks = new java.util.HashMap<>();
        int applied = 0;
        int flatPoints = 0;
        for (Backtester.EquityPoint p : r.equity()) {
            while (applied < r.fills().size() && r.fills().get(applied).time().getEpochSecond() <= p.ts()) {
                ledger.apply(r.fills().get(applied++));
            }
            for (BarSeries s : trading.values()) {
                int i = s.indexAtOrBefore(p.ts());
                if (i >= 0) {
                    marks.put(s.symbol(), s.close()[i]);
                }
            }
            String ctx = "ts " + p.ts();
            assertThat(p.cash()).as(ctx).isEqualTo(ledger.cash());
            assertThat(p.equity()).as(ctx).isEqualTo(ledger.equity(marks));
            assertThat(p.gross())
                    .as(ctx)
                    .isEqualTo(io.dgas.ledger.Exposure.gross(ledger.positions().values(), marks));
            flatPoints += p.gross().signum() == 0 ? 1 : 0;
        }
        assertThat(applied).isEqualTo(r.fills().size()).isPositive();
        assertThat(flatPoints)
                .as("points with nothing held")
                .isPositive()
                .isLessThan(r.equity().size());
    }

    /** Limits of 20,000 per position and 30,000 gross; 100 units per entry, no slippage or commission. */
    private static final Backtester.Config LIMITS = new Backtester.Config(
            Timeframe.H1,
            Timeframe.H4,
            new BigDecimal("100000"),
            new RiskLimits(new BigDecimal("20000"), new BigDecimal("30000"), new BigDecimal("50000"), 100),
            new PaperRules(Sizing.FIXED_QUANTITY, new BigDecimal("100"), 0, BigDecimal.ZERO, 0, BigDecimal.ZERO),
            MtfParams.defaults(),
            SignalParams.defaults());

    private static Signal longAt(String symbol, int bar, double entry) {
        return new Signal(
                symbol, bar, START + bar * 3600L, Signal.Type.LONG, entry, 50, 1000, 0.8, 1, 1, Signal.Tier.HIGH, true);
    }

    /**
     * A at bar 0: a market entry of 100 filled at bar 1's open, 100, and marked at bar 1's and 2's close {@code aClose}.
     * B at bar 0 (close 100): a limit entry of 100 at 90, accepted (9,000; no other position yet), which bar 2 reaches
     * (open 95, low 89: it fills at 90). At that fill the other positions are worth 100 × {@code aClose}.
     */
    private static Backtester.Result limitEntryAfterGrowth(double aClose) {
        Map<String, BarSeries> trading = new LinkedHashMap<>();
        BarSeries a = new BarSeries("A", Timeframe.H1);
        a.append(START, 100, 100, 100, 100, 1000);
        a.append(START + 3600, 100, aClose, 100, aClose, 1000);
        a.append(START + 7200, aClose, aClose, aClose, aClose, 1000);
        BarSeries b = new BarSeries("B", Timeframe.H1);
        b.append(START, 100, 100, 100, 100, 1000);
        b.append(START + 3600, 100, 100, 95, 95, 1000);
        b.append(START + 7200, 95, 95, 89, 92, 1000);
        trading.put("A", a);
        trading.put("B", b);
        Map<String, Signal[]> signals = Map.of(
                "A", new Signal[] {longAt("A", 0, 100), null, null},
                "B", new Signal[] {longAt("B", 0, 90), null, null});
        return Backtester.replay(trading, signals, LIMITS);
    }

    @Test
    void replay_limitEntryFillingAfterOtherPositionsGrewPastGrossLimit_refusedAtFillNamingTheLimit() {
        // A marked at 310: 100 × 310 = 31,000 of the 30,000 gross already, so no unit of B fits at 90
        Backtester.Result r = limitEntryAfterGrowth(310);

        assertThat(r.decisions())
                .extracting(OrderDecision::symbol, OrderDecision::accepted, OrderDecision::limitPrice)
                .containsExactly(tuple("A", true, null), tuple("B", true, 90.0));
        assertThat(r.fills()).singleElement().satisfies(e -> {
            assertThat(e.symbol()).isEqualTo("A");
            assertThat(e.price()).isEqualTo(100.0);
        });
        assertThat(r.fillLimits()).singleElement().satisfies(x -> {
            assertThat(x.ref()).isEqualTo("bt-2");
            assertThat(x.ts()).isEqualTo(START + 7200);
            assertThat(x.limit()).isEqualTo(RiskLimits.GROSS);
            assertThat(x.kept()).isEqualByComparingTo("100");
            assertThat(x.execution()).isNull();
        });
        assertThat(r.ledger().position("B").isFlat()).isTrue();
    }

    @Test
    void replay_limitEntryFillingAfterOtherPositionsGrewNearGrossLimit_cutToWhatTheLimitAllows() {
        // A marked at 260: 26,000 of 30,000; (30,000 − 26,000) / 90 = 44.4: 44 units fill, 56 are kept back
        Backtester.Result r = limitEntryAfterGrowth(260);

        assertThat(r.fills()).extracting(Execution::symbol).containsExactly("A", "B");
        Execution b = r.fills().get(1);
        assertThat(b.price()).isEqualTo(90.0);
        assertThat(b.quantity()).isEqualByComparingTo("44");
        assertThat(r.fillLimits()).singleElement().satisfies(x -> {
            assertThat(x.limit()).isEqualTo(RiskLimits.GROSS);
            assertThat(x.kept()).isEqualByComparingTo("56");
            assertThat(x.execution()).isEqualTo(b);
        });
    }

    @Test
    void replay_marketEntryRefusedAtEveryFill_lapsesAfterTheSignalsExpiryLikeALimitEntry() {
        // A and B enter at market on bar 0 (both accepted: nothing held yet). A fills at bar 1's open (100) and is
        // marked at 310 from then on: 31,000 of the 30,000 gross, so B's market order is refused at each bar until
        // the signal's expiry (5 bars after bar 0), then lapses instead of being retried for ever
        int bars = 10;
        BarSeries a = new BarSeries("A", Timeframe.H1);
        BarSeries b = new BarSeries("B", Timeframe.H1);
        for (int i = 0; i < bars; i++) {
            double open = i <= 1 ? 100 : 310;
            double close = i == 0 ? 100 : 310;
            a.append(START + i * 3600L, open, Math.max(open, close), Math.min(open, close), close, 1000);
            b.append(START + i * 3600L, 100, 100, 100, 100, 1000);
        }
        Map<String, BarSeries> trading = new LinkedHashMap<>();
        trading.put("A", a);
        trading.put("B", b);
        Signal[] sa = new Signal[bars];
        Signal[] sb = new Signal[bars];
        sa[0] = longAt("A", 0, 100);
        sb[0] = longAt("B", 0, 100);

        Backtester.Result r = Backtester.replay(trading, Map.of("A", sa, "B", sb), LIMITS);

        int expiry = LIMITS.signals().expiryBars();
        assertThat(r.decisions()).extracting(OrderDecision::accepted).containsExactly(true, true);
        assertThat(r.fills()).extracting(Execution::symbol).containsExactly("A");
        assertThat(r.fillLimits())
                .extracting(Backtester.FillLimit::ts)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, expiry)
                        .mapToObj(i -> START + i * 3600L)
                        .toList());
    }

    @Test
    void replay_limitEntryWithinTheLimits_fillsInFull() {
        // A marked at 100: 10,000 + 100 × 90 = 19,000 gross, within 30,000
        Backtester.Result r = limitEntryAfterGrowth(100);

        assertThat(r.fills()).extracting(Execution::symbol).containsExactly("A", "B");
        assertThat(r.fills().get(1).quantity()).isEqualByComparingTo("100");
        assertThat(r.fillLimits()).isEmpty();
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
