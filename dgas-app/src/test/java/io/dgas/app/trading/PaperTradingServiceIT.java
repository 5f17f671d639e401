package io.dgas.app.trading;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.calc.drummond.Signal;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.Money;
import io.dgas.ledger.OrderStatus;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskLimits;
import io.dgas.ledger.Sizing;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.ledger.LedgerReads;
import io.dgas.store.ledger.OrderReads;
import io.dgas.store.ledger.Portfolio;
import io.dgas.store.ledger.PortfolioRepository;
import io.dgas.store.ledger.StoredOrder;
import io.dgas.store.ledger.StoredPosition;
import io.dgas.store.ledger.Trade;
import io.dgas.store.ledger.TradingSession;
import io.dgas.testkit.FakeClock;
import io.dgas.testkit.PostgresExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A paper session driven cycle by cycle on embedded PostgreSQL: a signal becomes an order, the order fills at the
 * next bar's open with slippage and commission, a rerun changes nothing, the stop closes the position; a session with
 * tight limits stores the order as rejected naming the limit.
 */
class PaperTradingServiceIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Instant T0 = Instant.parse("2024-03-04T10:00:00Z");
    private static final long H = 3600;
    private static Database db;
    private static FakeClock clock;
    private static PaperTradingService paper;
    private static PortfolioRepository portfolios;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        clock = new FakeClock(T0.plusSeconds(H));
        paper = new PaperTradingService(db, clock, io.dgas.store.cache.QueryCache.NONE);
        portfolios = new PortfolioRepository(db);
        db.update("test.sym", "INSERT INTO symbols (ticker) VALUES ('AAA')", ps -> {});
        db.queryOne(
                "test.part",
                "SELECT dgas_create_month_partition('bars', ?)",
                ps -> ps.setObject(1, java.sql.Timestamp.from(T0)),
                rs -> 1);
        bar(T0, 100, 101, 99, 100);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static void bar(Instant ts, double o, double h, double l, double c) {
        db.update(
                "test.bar",
                "INSERT INTO bars (symbol_id, timeframe, ts, open, high, low, close) SELECT id, '1h', ?, ?, ?, ?, ?"
                        + " FROM symbols WHERE ticker = 'AAA'",
                ps -> {
                    ps.setTimestamp(1, java.sql.Timestamp.from(ts));
                    ps.setDouble(2, o);
                    ps.setDouble(3, h);
                    ps.setDouble(4, l);
                    ps.setDouble(5, c);
                });
    }

    private static Signal longSignal() {
        return new Signal(
                "AAA", 0, T0.getEpochSecond(), Signal.Type.LONG, 100, 95, 110, 0.7, 0.6, 0.8, Signal.Tier.HIGH, true);
    }

    @Test
    void session_signalThenBars_fillsNextBarThenStopsOut() {
        Portfolio p = portfolios
                .create("it", "paper", "USD", new BigDecimal("100000"), T0)
                .orElseThrow();
        PaperRules rules = new PaperRules(
                Sizing.FIXED_CASH, new BigDecimal("1000"), 10, new BigDecimal("0.01"), 0, new BigDecimal("1"));
        RiskLimits limits = new RiskLimits(new BigDecimal("5000"), new BigDecimal("20000"), new BigDecimal("500"), 5);
        TradingSession t = portfolios.startSession(p.id(), "paper", limits, rules, T0);
        LedgerReads reads = new LedgerReads(db);

        // cycle 1: the signal of bar T0 becomes an order; the newest bar is T0 itself, so nothing fills
        SessionReport r1 = only(paper.onRun(0, Timeframe.H1, List.of(longSignal())), t);
        assertThat(r1.placed()).isOne();
        assertThat(r1.fills()).isZero();
        StoredOrder o = new OrderReads(db).byStatus(p.id(), OrderStatus.NEW, 10).get(0);
        assertThat(o.exitStop()).isEqualTo(95);
        assertThat(o.fillAfter()).isEqualTo(T0);

        // cycle 2: bar T0+1h opens at 102 → filled at 102 × (1 + 10 bps), 9 units (1000 / 100.1 rounded down)
        bar(T0.plusSeconds(H), 102, 103, 101, 102.5);
        clock.advance(Duration.ofHours(1));
        SessionReport r2 = only(paper.onRun(0, Timeframe.H1, List.of(longSignal())), t);
        assertThat(r2.fills()).isOne();
        assertThat(r2.placed()).isZero();
        Trade trade = reads.sessionTrades(t.id(), 10).orElseThrow().get(0);
        assertThat(trade.order().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(trade.executions()).hasSize(1);
        double px = 102 * (1 + 10 / 10_000.0);
        assertThat(trade.executions().get(0).execution().price()).isEqualTo(px);
        assertThat(trade.executions().get(0).execution().quantity()).isEqualByComparingTo("9");
        StoredPosition pos = reads.withPositions(p.id(), Timeframe.H1)
                .orElseThrow()
                .positions()
                .get(0);
        assertThat(pos.position().quantity()).isEqualByComparingTo("9");
        assertThat(pos.exitStop()).isEqualTo(95);
        // equity = capital − commission (max(9 × 0.01, 1) = 1) + 9 × (102.5 − px)
        assertThat(r2.equity())
                .isEqualByComparingTo(Money.of(new BigDecimal("100000")
                        .subtract(BigDecimal.ONE)
                        .add(new BigDecimal("9")
                                .multiply(BigDecimal.valueOf(102.5).subtract(BigDecimal.valueOf(px))))));

        // cycle 3, same bars: nothing new
        SessionReport r3 = only(paper.onRun(0, Timeframe.H1, List.of()), t);
        assertThat(List.of(r3.fills(), r3.exits(), r3.placed())).containsOnly(0);

        // cycle 4: the bar gaps below the stop → closed at the open 94 less slippage
        bar(T0.plusSeconds(2 * H), 94, 96, 93, 95);
        clock.advance(Duration.ofHours(1));
        SessionReport r4 = only(paper.onRun(0, Timeframe.H1, List.of()), t);
        assertThat(r4.exits()).isOne();
        StoredPosition flat = reads.withPositions(p.id(), Timeframe.H1)
                .orElseThrow()
                .positions()
                .get(0);
        assertThat(flat.position().isFlat()).isTrue();
        assertThat(flat.exitStop()).isNull();
        double exitPx = 94 * (1 - 10 / 10_000.0);
        assertThat(flat.position().realizedPnl())
                .isEqualByComparingTo(Money.of(
                        new BigDecimal("9").multiply(BigDecimal.valueOf(exitPx).subtract(BigDecimal.valueOf(px)))));
        assertThat(reads.sessionTrades(t.id(), 10).orElseThrow().get(0).order().rationale())
                .isEqualTo("stop reached");
        portfolios.close(p.id(), clock.instant());
    }

    @Test
    void session_tightLimits_storesTheOrderAsRejectedWithTheLimit() {
        Portfolio p = portfolios
                .create("it", "tight", "USD", new BigDecimal("100000"), T0)
                .orElseThrow();
        PaperRules rules = new PaperRules(Sizing.FIXED_QUANTITY, new BigDecimal("100"), 0, Money.ZERO, 0, Money.ZERO);
        RiskLimits limits = new RiskLimits(new BigDecimal("5000"), new BigDecimal("50"), new BigDecimal("500"), 5);
        TradingSession t = portfolios.startSession(p.id(), "paper", limits, rules, T0);

        SessionReport r = only(paper.onRun(0, Timeframe.H1, List.of(longSignal())), t);

        assertThat(r.rejected()).isOne();
        StoredOrder o =
                new OrderReads(db).byStatus(p.id(), OrderStatus.REJECTED, 10).get(0);
        assertThat(o.rejectReason()).isEqualTo(RiskLimits.GROSS);
        assertThat(o.rationale()).contains("refused by max_gross_exposure");
        RiskReport risk = new RiskService(db, clock).of(p.id(), Timeframe.H1);
        assertThat(risk.openOrders()).isZero();
        assertThat(risk.limits()).isEqualTo(limits);
        assertThat(risk.exposure().gross()).isEqualByComparingTo("0");
        portfolios.close(p.id(), clock.instant());
    }

    private static SessionReport only(List<SessionReport> reports, TradingSession t) {
        return reports.stream().filter(r -> r.sessionId() == t.id()).findFirst().orElseThrow();
    }
}
