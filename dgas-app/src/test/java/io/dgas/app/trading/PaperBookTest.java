package io.dgas.app.trading;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.calc.drummond.Signal;
import io.dgas.ledger.Execution;
import io.dgas.ledger.Ledger;
import io.dgas.ledger.Money;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskCheck;
import io.dgas.ledger.RiskLimits;
import io.dgas.ledger.Side;
import io.dgas.ledger.Sizing;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PaperBookTest {
    private static final RiskLimits LIMITS =
            new RiskLimits(new BigDecimal("5000"), new BigDecimal("20000"), new BigDecimal("1000"), 10);
    private static final RiskCheck.Activity CALM = new RiskCheck.Activity(new BigDecimal("100000"), 0);

    private static PaperBook book(double slippageBps, String perShare) {
        PaperRules rules = new PaperRules(
                Sizing.FIXED_CASH, new BigDecimal("1000"), slippageBps, new BigDecimal(perShare), 0, Money.ZERO);
        return new PaperBook(new Ledger(new BigDecimal("100000")), LIMITS, rules);
    }

    private static Signal signal(Signal.Type type, long ts, double stop, double target) {
        return new Signal("A", 0, ts, type, 100, stop, target, 0.7, 0.6, 0.8, Signal.Tier.HIGH, true);
    }

    private static PendingOrder pending(OrderDecision d) {
        return new PendingOrder("1", d.symbol(), d.side(), d.quantity(), d.fillAfter(), d.exitStop(), d.exitTarget());
    }

    @Test
    void longSignal_fillsAtTheNextBarsOpenNeverOnItsOwnBar() {
        PaperBook b = book(0, "0");
        OrderDecision d =
                b.decide(signal(Signal.Type.LONG, 100, 95, 110), 100, CALM).orElseThrow();

        assertThat(d.accepted()).isTrue();
        assertThat(d.side()).isEqualTo(Side.BUY);
        assertThat(d.quantity()).isEqualByComparingTo("10");
        assertThat(fill(b, pending(d), new PaperBar("A", 100, 100, 101, 99, 100)))
                .isEmpty();
        Execution e =
                fill(b, pending(d), new PaperBar("A", 200, 101, 102, 100, 101)).orElseThrow();
        assertThat(e.price()).isEqualTo(101);
        assertThat(b.ledger().position("A").quantity()).isEqualByComparingTo("10");
        assertThat(b.stop("A")).isEqualTo(95);
    }

    @Test
    void decide_entryBeyondTheCloseWithLimitEntries_limitAtTheEntrySizedThere() {
        PaperBook b = book(10, "0");
        // short entry 100 above the close 96: a sell limit at 100, 1000 / 100 = 10 units (no slippage at a limit)
        OrderDecision limit = b.decide(signal(Signal.Type.SHORT, 100, 105, 90), 96, CALM, true)
                .orElseThrow();
        assertThat(limit.limitPrice()).isEqualTo(100.0);
        assertThat(limit.quantity()).isEqualByComparingTo("10");
        // without limit entries (the backtest): market, sized at 96 × 0.999 = 95.904 → 1000 / 95.904 = 10.4 → 10
        OrderDecision market =
                b.decide(signal(Signal.Type.SHORT, 100, 105, 90), 96, CALM).orElseThrow();
        assertThat(market.limitPrice()).isNull();
        // long entry 100 below the close 104 → limit; at a close of 100 → market
        assertThat(b.decide(signal(Signal.Type.LONG, 100, 95, 110), 104, CALM, true)
                        .orElseThrow()
                        .limitPrice())
                .isEqualTo(100.0);
        assertThat(b.decide(signal(Signal.Type.LONG, 100, 95, 110), 100, CALM, true)
                        .orElseThrow()
                        .limitPrice())
                .isNull();
    }

    @Test
    void stop_reachedOrGappedThrough_closesAtTheStopOrTheOpen() {
        PaperBook b = book(0, "0");
        OrderDecision d =
                b.decide(signal(Signal.Type.LONG, 100, 95, 110), 100, CALM).orElseThrow();
        fill(b, pending(d), new PaperBar("A", 200, 101, 102, 100, 101));

        assertThat(b.checkExit(new PaperBar("A", 300, 100, 104, 96, 99))).isEmpty();
        ExitFill x = b.checkExit(new PaperBar("A", 400, 97, 98, 94, 95)).orElseThrow();

        assertThat(x.reason()).isEqualTo("stop");
        assertThat(x.execution().price()).isEqualTo(95);
        assertThat(b.ledger().position("A").isFlat()).isTrue();
        assertThat(b.ledger().realizedPnl()).isEqualByComparingTo(Money.of(BigDecimal.valueOf((95 - 101) * 10)));

        PaperBook gap = book(0, "0");
        fill(gap, pending(d), new PaperBar("A", 200, 101, 102, 100, 101));
        assertThat(gap.checkExit(new PaperBar("A", 300, 90, 92, 88, 91))
                        .orElseThrow()
                        .execution()
                        .price())
                .isEqualTo(90);
    }

    @Test
    void target_reachedByAShort_closesAtTheTarget() {
        PaperBook b = book(0, "0");
        OrderDecision d =
                b.decide(signal(Signal.Type.SHORT, 100, 105, 90), 100, CALM).orElseThrow();
        fill(b, pending(d), new PaperBar("A", 200, 100, 101, 99, 100));

        ExitFill x = b.checkExit(new PaperBar("A", 300, 95, 96, 89, 92)).orElseThrow();

        assertThat(x.reason()).isEqualTo("target");
        assertThat(x.execution().side()).isEqualTo(Side.BUY);
        assertThat(x.execution().price()).isEqualTo(90);
        assertThat(b.ledger().realizedPnl()).isEqualByComparingTo(Money.of(BigDecimal.valueOf((100 - 90) * 10)));
    }

    @Test
    void fill_withSlippageAndCommission_costsAsTheRulesSay() {
        PaperBook b = book(50, "0.02");
        OrderDecision d =
                b.decide(signal(Signal.Type.LONG, 100, 95, 110), 100, CALM).orElseThrow();
        Execution e =
                fill(b, pending(d), new PaperBar("A", 200, 100, 102, 99, 101)).orElseThrow();

        // 1000 / 100.5 = 9.95 → 9 units at 100 × 1.005
        assertThat(e.quantity()).isEqualByComparingTo("9");
        assertThat(e.price()).isEqualTo(100 * (1 + 50 / 10_000.0));
        assertThat(e.commission()).isEqualByComparingTo(Money.of(new BigDecimal("0.18")));
    }

    @Test
    void decide_exitSignalOrSameDirection_asksForTheRightOrder() {
        PaperBook b = book(0, "0");
        assertThat(b.decide(signal(Signal.Type.EXIT_LONG, 100, Double.NaN, Double.NaN), 100, CALM))
                .isEmpty();
        OrderDecision d =
                b.decide(signal(Signal.Type.LONG, 100, 95, 110), 100, CALM).orElseThrow();
        fill(b, pending(d), new PaperBar("A", 200, 100, 101, 99, 100));
        b.mark("A", 100);

        assertThat(b.decide(signal(Signal.Type.LONG, 200, 95, 110), 100, CALM)).isEmpty();
        OrderDecision exit = b.decide(signal(Signal.Type.EXIT_LONG, 200, Double.NaN, Double.NaN), 100, CALM)
                .orElseThrow();
        assertThat(exit.side()).isEqualTo(Side.SELL);
        assertThat(exit.quantity()).isEqualByComparingTo("10");
        OrderDecision reverse =
                b.decide(signal(Signal.Type.SHORT, 200, 105, 90), 100, CALM).orElseThrow();
        assertThat(reverse.quantity()).isEqualByComparingTo("20");
    }

    @Test
    void decide_overTheLimit_isRejectedNamingIt() {
        PaperRules big = new PaperRules(Sizing.FIXED_QUANTITY, new BigDecimal("100"), 0, Money.ZERO, 0, Money.ZERO);
        RiskLimits tight = new RiskLimits(new BigDecimal("500"), new BigDecimal("50"), BigDecimal.TEN, 10);
        PaperBook b = new PaperBook(new Ledger(new BigDecimal("100000")), tight, big);

        OrderDecision d =
                b.decide(signal(Signal.Type.LONG, 100, 95, 110), 100, CALM).orElseThrow();

        assertThat(d.accepted()).isFalse();
        assertThat(d.limit()).isEqualTo(RiskLimits.GROSS);
        assertThat(d.rationale()).contains("refused by max_gross_exposure");
    }

    private static PendingOrder order(Side side, int qty, io.dgas.ledger.OrderType type, Double price, int filled) {
        return new PendingOrder(
                "1", "A", side, BigDecimal.valueOf(qty), 100, null, null, type, price, BigDecimal.valueOf(filled));
    }

    private static double price(PaperBook b, PendingOrder o, PaperBar bar) {
        return fill(b, o, bar).map(Execution::price).orElse(Double.NaN);
    }

    @Test
    void limitOrder_tradedThroughOrGappedBeyond_fillsAtTheLimitOrTheBetterOpen() {
        PendingOrder buy = order(Side.BUY, 10, io.dgas.ledger.OrderType.LIMIT, 99.0, 0);

        assertThat(price(book(10, "0"), buy, new PaperBar("A", 200, 101, 102, 98.5, 100)))
                .as("low reached the limit: at the limit, no slippage")
                .isEqualTo(99);
        assertThat(price(book(10, "0"), buy, new PaperBar("A", 200, 98, 100, 97, 99)))
                .as("opened below the limit: at the open")
                .isEqualTo(98);
        assertThat(fill(book(10, "0"), buy, new PaperBar("A", 200, 101, 102, 99.5, 100)))
                .as("never reached")
                .isEmpty();
        PendingOrder sell = order(Side.SELL, 10, io.dgas.ledger.OrderType.LIMIT, 105.0, 0);
        assertThat(price(book(10, "0"), sell, new PaperBar("A", 200, 103, 105.5, 102, 104)))
                .isEqualTo(105);
        assertThat(price(book(10, "0"), sell, new PaperBar("A", 200, 106, 107, 104, 105)))
                .isEqualTo(106);
    }

    @Test
    void stopOrder_triggeredOrGappedThrough_fillsAtTheStopOrTheWorseOpenWithSlippage() {
        PendingOrder buy = order(Side.BUY, 10, io.dgas.ledger.OrderType.STOP, 102.0, 0);

        assertThat(price(book(10, "0"), buy, new PaperBar("A", 200, 100, 103, 99, 101)))
                .isCloseTo(102 * 1.001, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(price(book(10, "0"), buy, new PaperBar("A", 200, 104, 105, 103, 104)))
                .as("gapped above the stop: at the open")
                .isCloseTo(104 * 1.001, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(fill(book(10, "0"), buy, new PaperBar("A", 200, 100, 101.9, 99, 101)))
                .isEmpty();
        PendingOrder sell = order(Side.SELL, 10, io.dgas.ledger.OrderType.STOP, 97.0, 0);
        assertThat(price(book(10, "0"), sell, new PaperBar("A", 200, 95, 96, 94, 95)))
                .isCloseTo(95 * 0.999, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void participation_capsEachBarsFill_andTheRestFillsOnLaterBars() {
        PaperBook b = book(0, "0");
        PendingOrder o = order(Side.BUY, 10, io.dgas.ledger.OrderType.MARKET, null, 0);

        FillResult first = b.fill(o, new PaperBar("A", 200, 100, 101, 99, 100, 45), CALM, 0.1)
                .orElseThrow();
        assertThat(first.execution().quantity()).as("floor(45 x 0.1) = 4").isEqualByComparingTo("4");
        assertThat(first.execution().id()).isEqualTo("paper-1-200");
        assertThat(first.cappedBy()).isEqualTo(PaperBook.PARTICIPATION);
        assertThat(first.limitBreached()).isFalse();
        assertThat(first.kept()).as("10 - 4 wait").isEqualByComparingTo("6");
        assertThat(b.fill(o, new PaperBar("A", 250, 100, 101, 99, 100, 5), CALM, 0.1))
                .as("0 units fit: nothing fills")
                .isEmpty();

        PendingOrder rest = order(Side.BUY, 10, io.dgas.ledger.OrderType.MARKET, null, 4);
        FillResult second = b.fill(rest, new PaperBar("A", 300, 102, 103, 101, 102, 1000), CALM, 0.1)
                .orElseThrow();
        assertThat(second.execution().quantity()).isEqualByComparingTo("6");
        assertThat(second.cappedBy()).isNull();
        assertThat(second.kept()).as("10 - 4 - 6").isEqualByComparingTo("0");
        assertThat(b.ledger().position("A").quantity()).isEqualByComparingTo("10");
        assertThat(b.ledger().position("A").costBasis()).isEqualByComparingTo("1012"); // 4 x 100 + 6 x 102
    }

    @Test
    void sessionLimit_atTheFillPrice_cutsTheFillToWhatItAllows() {
        PaperBook b = book(0, "0");
        PendingOrder o = order(Side.BUY, 60, io.dgas.ledger.OrderType.MARKET, null, 0);

        FillResult f = b.fill(o, new PaperBar("A", 200, 100, 101, 99, 100, 1e9), CALM, 0)
                .orElseThrow();

        assertThat(f.execution().quantity()).as("5000 / 100 = 50 of 60").isEqualByComparingTo("50");
        assertThat(f.cappedBy()).isEqualTo(RiskLimits.POSITION);
        assertThat(f.limitBreached()).isTrue();
        assertThat(f.kept()).as("60 - 50").isEqualByComparingTo("10");
        PendingOrder rest = order(Side.BUY, 60, io.dgas.ledger.OrderType.MARKET, null, 50);
        FillResult refused = b.fill(rest, new PaperBar("A", 300, 100, 101, 99, 100, 1e9), CALM, 0)
                .orElseThrow();
        assertThat(refused.execution())
                .as("the position is at its limit: nothing more fills")
                .isNull();
        assertThat(refused.limitBreached()).isTrue();
        assertThat(refused.kept()).as("all of the 60 - 50 left").isEqualByComparingTo("10");
    }

    /** A fill with no limits on activity and no volume cap. */
    private static java.util.Optional<Execution> fill(PaperBook b, PendingOrder o, PaperBar bar) {
        return b.fill(o, bar, null, 0).map(FillResult::execution);
    }
}
