package io.dgas.app.trading;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.alerts.AlertDispatcher;
import io.dgas.app.alerts.AlertEngine;
import io.dgas.app.alerts.LogSink;
import io.dgas.app.alerts.TradingEvent;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.Money;
import io.dgas.ledger.OrderStatus;
import io.dgas.ledger.OrderType;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskLimits;
import io.dgas.ledger.Side;
import io.dgas.ledger.Sizing;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.alerts.AlertRepository;
import io.dgas.store.alerts.AlertRule;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.ledger.LedgerReads;
import io.dgas.store.ledger.NewOrder;
import io.dgas.store.ledger.OrderReads;
import io.dgas.store.ledger.OrderRepository;
import io.dgas.store.ledger.Portfolio;
import io.dgas.store.ledger.PortfolioRepository;
import io.dgas.store.ledger.StoredOrder;
import io.dgas.store.ledger.StoredPosition;
import io.dgas.store.ledger.TradingSession;
import io.dgas.testkit.FakeClock;
import io.dgas.testkit.PostgresExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A paper session's limit order fills through the cycle: not reached, then partly filled at the limit by the
 * session's participation cap (partially_filled), then the rest at the better open; a market order beyond the
 * position limit is cut to what it allows. The cycle's fills and breach fire the {@code fill} and {@code limit_breach}
 * alert rules, logged with their delivery status.
 */
class PaperOrdersIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Instant T0 = Instant.parse("2024-05-06T10:00:00Z");
    private static final long H = 3600;
    private static Database db;
    private static ExecutorService pool;
    private static final FakeClock CLOCK = new FakeClock(T0.plusSeconds(H));

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        db.update("test.sym", "INSERT INTO symbols (ticker) VALUES ('LIM')", ps -> {});
        db.queryOne(
                "test.part",
                "SELECT dgas_create_month_partition('bars', ?)",
                ps -> ps.setObject(1, java.sql.Timestamp.from(T0)),
                rs -> 1);
        pool = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void close() {
        pool.shutdownNow();
        db.close();
    }

    private static void bar(int hour, double o, double h, double l, double c, double volume) {
        db.update(
                "test.bar",
                "INSERT INTO bars (symbol_id, timeframe, ts, open, high, low, close, volume) SELECT id, '1h', ?, ?,"
                        + " ?, ?, ?, ? FROM symbols WHERE ticker = 'LIM'",
                ps -> {
                    ps.setTimestamp(1, java.sql.Timestamp.from(T0.plusSeconds(hour * H)));
                    ps.setDouble(2, o);
                    ps.setDouble(3, h);
                    ps.setDouble(4, l);
                    ps.setDouble(5, c);
                    ps.setDouble(6, volume);
                });
    }

    private static SessionReport cycle(PaperTradingService paper, int hour) {
        CLOCK.set(T0.plusSeconds(hour * H + 60));
        return paper.onRun(0, Timeframe.H1, List.of()).get(0);
    }

    @Test
    void limitOrder_participationAndPositionLimit_fillInPartsAndFireTradingAlerts() throws Exception {
        PortfolioRepository portfolios = new PortfolioRepository(db);
        OrderRepository orders = new OrderRepository(db);
        OrderReads orderReads = new OrderReads(db);
        Portfolio p = portfolios
                .create("lim", "paper", "USD", new BigDecimal("100000"), T0)
                .orElseThrow();
        TradingSession t = portfolios.startSession(
                p.id(),
                "paper",
                new RiskLimits(new BigDecimal("5000"), new BigDecimal("50000"), new BigDecimal("5000"), 60),
                new PaperRules(Sizing.FIXED_QUANTITY, BigDecimal.ONE, 0, Money.ZERO, 0, Money.ZERO),
                0.1,
                T0);
        bar(0, 100, 101, 99, 100, 1000);
        StoredOrder limit = db.withSession(s -> orders.insert(
                        s,
                        p.id(),
                        new NewOrder(
                                t.id(),
                                "LIM",
                                Side.BUY,
                                new BigDecimal("30"),
                                OrderType.LIMIT,
                                98.0,
                                null,
                                "gtc",
                                OrderStatus.NEW,
                                null,
                                null,
                                null,
                                "buy the dip",
                                null,
                                null,
                                "lim-1",
                                T0,
                                T0))
                .orElseThrow());
        PaperTradingService paper = new PaperTradingService(db, CLOCK, QueryCache.NONE);

        bar(1, 100, 101, 98.5, 100, 1000);
        assertThat(cycle(paper, 1).fills()).as("the low never reached 98").isZero();

        bar(2, 99, 100, 97, 98, 200);
        SessionReport partial = cycle(paper, 2);
        assertThat(partial.fills()).isOne();
        StoredOrder half = orderReads.find(limit.id()).orElseThrow();
        assertThat(half.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(half.filledQuantity()).as("10 % of 200").isEqualByComparingTo("20");

        bar(3, 97, 98, 96, 97.5, 100_000);
        assertThat(cycle(paper, 3).fills()).isOne();
        StoredOrder done = orderReads.find(limit.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(OrderStatus.FILLED);
        var execs = db.withSession(s -> orderReads.executionsOf(s, List.of(limit.id())));
        assertThat(execs)
                .extracting(e -> e.execution().price())
                .as("at the limit, then at the open below it")
                .containsExactly(98.0, 97.0);
        StoredPosition pos = new LedgerReads(db)
                .withPositions(p.id(), Timeframe.H1)
                .orElseThrow()
                .positions()
                .get(0);
        assertThat(pos.position().costBasis()).isEqualByComparingTo("2930"); // 20 x 98 + 10 x 97

        db.withSession(s -> orders.insert(
                s, p.id(), NewOrder.market(t.id(), "LIM", Side.BUY, new BigDecimal("40"), "big-1", CLOCK.instant())));
        bar(4, 100, 101, 99, 100, 100_000);
        SessionReport capped = cycle(paper, 4);

        // max position 5000 at 100 is 50 units; 30 held, so 20 of the 40 fill
        StoredOrder big =
                orderReads.byStatus(p.id(), OrderStatus.PARTIALLY_FILLED, 10).get(0);
        assertThat(big.filledQuantity()).isEqualByComparingTo("20");
        assertThat(capped.events())
                .extracting(TradingEvent::kind)
                .containsExactly(TradingEvent.FILL, TradingEvent.LIMIT_BREACH);
        assertThat(capped.events().get(1).message()).contains(RiskLimits.POSITION);
        assertThat(capped.events().get(1).value())
                .as("the 20 units the limit kept back")
                .isEqualTo(20.0);

        AlertRepository repo = new AlertRepository(db);
        repo.add(new AlertRule(
                0,
                "big fills",
                null,
                AlertRule.Type.FILL,
                AlertRule.Condition.AT_LEAST,
                1500,
                "1h",
                1,
                20,
                List.of(),
                0,
                true,
                null));
        repo.add(new AlertRule(
                0,
                "breaches",
                "LIM",
                AlertRule.Type.LIMIT_BREACH,
                AlertRule.Condition.AT_LEAST,
                0,
                "1h",
                1,
                20,
                List.of(),
                0,
                true,
                null));
        AlertEngine engine = new AlertEngine(
                repo,
                new BarRepository(db),
                new AlertDispatcher(List.of(new LogSink()), repo, pool, CLOCK, Duration.ofSeconds(10)),
                CLOCK);
        var outcome = engine.evaluateTrading(capped.events());
        outcome.delivered().get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(outcome.events())
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.fired()).isTrue());
        assertThat(outcome.events().get(0).triggerValue())
                .as("notional 20 x 100")
                .isEqualTo(2000);
        List<String> logged = db.query(
                "test.logs",
                "SELECT r.name || ':' || l.fired_status || '/' || l.delivery_status FROM alert_logs l"
                        + " JOIN alert_rules r ON r.id = l.rule_id ORDER BY l.id",
                ps -> {},
                rs -> rs.getString(1));
        assertThat(logged).containsExactly("big fills:fired/sent", "breaches:fired/sent");
        assertThat(engine.evaluateTrading(partial.events()).events())
                .as("the partial fill's notional 20 x 98 = 1960 fires too; no breach then")
                .extracting(e -> e.rule().name())
                .containsExactly("big fills");
    }
}
