package io.dgas.store.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.domain.Timeframe;
import io.dgas.ledger.Execution;
import io.dgas.ledger.Money;
import io.dgas.ledger.OrderStatus;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.Position;
import io.dgas.ledger.RiskLimits;
import io.dgas.ledger.Side;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.bars.UnknownSymbolException;
import io.dgas.testkit.PostgresExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Portfolio, session, order, execution and position writes and reads against PostgreSQL. */
class LedgerRepositoryIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Instant T0 = Instant.parse("2024-03-04T15:00:00Z");
    private static Database db;
    private static PortfolioRepository portfolios;
    private static OrderRepository orders;
    private static OrderReads orderReads;
    private static final PositionRepository positions = new PositionRepository();

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        portfolios = new PortfolioRepository(db);
        orders = new OrderRepository(db);
        orderReads = new OrderReads(db);
        db.update("test.sym", "INSERT INTO symbols (ticker) VALUES ('AAA'), ('BBB')", ps -> {});
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static RiskLimits limits() {
        return new RiskLimits(new BigDecimal("10000"), new BigDecimal("50000"), new BigDecimal("1000"), 5);
    }

    @Test
    void create_sameNameTwice_secondIsEmptyAndOtherOwnerMayReuseIt() {
        assertThat(portfolios.create("ann", "main", "USD", new BigDecimal("100000"), T0))
                .get()
                .satisfies(p -> {
                    assertThat(p.startingCapital()).isEqualByComparingTo("100000");
                    assertThat(p.active()).isTrue();
                    assertThat(p.createdAt()).isEqualTo(T0);
                });
        assertThat(portfolios.create("ann", "main", "USD", BigDecimal.TEN, T0)).isEmpty();
        assertThat(portfolios.create("bob", "main", "EUR", BigDecimal.TEN, T0)).isPresent();
        assertThat(portfolios.list("ann", false, "trading", 10))
                .extracting(Portfolio::name)
                .containsExactly("main");
    }

    @Test
    void sessions_startStopAndClose_followTheirStatus() {
        Portfolio p =
                portfolios.create("cat", "s", "USD", new BigDecimal("1000"), T0).orElseThrow();
        PaperRules rules = new PaperRules(
                io.dgas.ledger.Sizing.PERCENT_EQUITY,
                new BigDecimal("10"),
                5,
                new BigDecimal("0.005"),
                0.1,
                BigDecimal.ONE);
        TradingSession a = portfolios.startSession(p.id(), "paper", limits(), rules, T0);
        TradingSession b = portfolios.startSession(p.id(), "paper", limits(), rules, T0);

        assertThat(a.rules()).isEqualTo(rules);
        assertThat(a.limits()).isEqualTo(limits());
        assertThat(portfolios.stopSession(a.id(), T0.plusSeconds(60))).isTrue();
        assertThat(portfolios.stopSession(a.id(), T0.plusSeconds(60))).isFalse();
        assertThat(portfolios.activePaperSessions())
                .extracting(TradingSession::id)
                .contains(b.id())
                .doesNotContain(a.id());
        assertThat(portfolios.close(p.id(), T0.plusSeconds(120))).isTrue();
        assertThat(portfolios.activePaperSessions())
                .extracting(TradingSession::id)
                .doesNotContain(b.id());
        assertThat(portfolios.session(b.id()).orElseThrow().status()).isEqualTo("stopped");
        assertThat(portfolios.find(p.id()).orElseThrow().active()).isFalse();
    }

    @Test
    void applyExecution_twiceAndInParts_isIdempotentAndTracksStatus() {
        Portfolio p = portfolios
                .create("dan", "x", "USD", new BigDecimal("100000"), T0)
                .orElseThrow();
        StoredOrder o = db.withSession(
                s -> orders.insert(s, p.id(), NewOrder.market(null, "AAA", Side.BUY, new BigDecimal("10"), "c1", T0))
                        .orElseThrow());
        Execution part1 = fill("e1", 4, T0.plusSeconds(1));
        Execution part2 = fill("e2", 6, T0.plusSeconds(2));

        assertThat(apply(o.id(), part1)).isTrue();
        assertThat(apply(o.id(), part1)).isFalse();
        assertThat(orderReads.find(o.id()).orElseThrow().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(apply(o.id(), part2)).isTrue();

        StoredOrder filled = orderReads.find(o.id()).orElseThrow();
        assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(filled.filledQuantity()).isEqualByComparingTo("10");
        List<StoredExecution> execs = db.withSession(s -> orderReads.executionsOf(s, List.of(o.id())));
        assertThat(execs).extracting(StoredExecution::execution).containsExactly(part1, part2);
        assertThat(orders.cancel(o.id(), T0)).isEmpty();
    }

    @Test
    void insert_sameClientOrderId_secondIsEmpty_unknownSymbolThrows() {
        Portfolio p = portfolios
                .create("eve", "x", "USD", new BigDecimal("100000"), T0)
                .orElseThrow();
        NewOrder o = NewOrder.market(null, "BBB", Side.SELL, BigDecimal.ONE, "dup", T0);

        assertThat(insert(p.id(), o)).isPresent();
        assertThat(insert(p.id(), o)).isEmpty();
        assertThatThrownBy(() -> db.withSession(s ->
                        orders.insert(s, p.id(), NewOrder.market(null, "NOPE", Side.BUY, BigDecimal.ONE, "n", T0))))
                .isInstanceOf(UnknownSymbolException.class);
        StoredOrder open = orderReads.byStatus(p.id(), OrderStatus.NEW, 10).get(0);
        assertThat(orders.cancel(open.id(), T0.plusSeconds(5)).orElseThrow().status())
                .isEqualTo(OrderStatus.CANCELLED);
        assertThat(orderReads.bySymbol("BBB", OrderStatus.CANCELLED, 10))
                .extracting(StoredOrder::id)
                .contains(open.id());
    }

    @Test
    void upsert_position_readsBackTheSameLedgerPosition() {
        Portfolio p = portfolios
                .create("fay", "x", "USD", new BigDecimal("100000"), T0)
                .orElseThrow();
        Position pos = Position.flat("AAA").apply(fill("p1", 3, T0)).apply(fill("p2", 1, T0));
        db.withSession(s -> {
            positions.upsert(s, p.id(), new StoredPosition(pos, 90.0, 120.0, T0, null), T0);
            positions.upsert(s, p.id(), new StoredPosition(pos, 91.0, 121.0, T0, null), T0.plusSeconds(1));
            return null;
        });

        List<StoredPosition> read = db.withSession(s -> positions.of(s, p.id(), Timeframe.D1));
        assertThat(read).hasSize(1);
        assertThat(read.get(0).position()).isEqualTo(pos);
        assertThat(read.get(0).exitStop()).isEqualTo(91.0);
        assertThat(read.get(0).mark()).isNull();
    }

    @Test
    void of_symbolWithoutBarsOfTheMarkTimeframe_isMarkedAtItsNewestBar() {
        Portfolio p = portfolios
                .create("fay", "marks", "USD", new BigDecimal("100000"), T0)
                .orElseThrow();
        Position pos = Position.flat("BBB")
                .apply(new Execution("m1", "BBB", Side.BUY, BigDecimal.valueOf(2), 100.0, Money.ZERO, Money.ZERO, T0));
        db.withSession(s -> {
            positions.upsert(s, p.id(), new StoredPosition(pos, null, null, T0, null), T0);
            return null;
        });
        db.queryOne(
                "test.partition",
                "SELECT dgas_create_month_partition('bars', timestamptz '2024-06-03 00:00+00')",
                ps -> {},
                rs -> rs.getString(1));
        db.update(
                "test.bars",
                "INSERT INTO bars (symbol_id, timeframe, ts, open, high, low, close, volume) SELECT y.id, '1h', t, c, c + 1,"
                        + " c - 1, c, 10 FROM symbols y, (VALUES (timestamptz '2024-06-03 10:00+00', 101.0),"
                        + " (timestamptz '2024-06-03 11:00+00', 102.5)) v(t, c) WHERE y.ticker = 'BBB'",
                ps -> {});

        // an hourly symbol marked at 1d: its position read unmarked (no unrealized P&L, no equity) before
        StoredPosition daily =
                db.withSession(s -> positions.of(s, p.id(), Timeframe.D1)).get(0);
        StoredPosition hourly =
                db.withSession(s -> positions.of(s, p.id(), Timeframe.H1)).get(0);

        assertThat(daily.mark()).isEqualTo(102.5);
        assertThat(hourly.mark()).isEqualTo(102.5);
    }

    @Test
    void insertFilled_fillsOfTwoPortfolios_storeFilledOrdersWithTheirExecutionsAndSkipRepeats() {
        Portfolio a = portfolios
                .create("gus", "bt1", "USD", new BigDecimal("100000"), T0)
                .orElseThrow();
        Portfolio b = portfolios
                .create("gus", "bt2", "USD", new BigDecimal("100000"), T0)
                .orElseThrow();
        List<Execution> fills = List.of(fill("bt-1", 3, T0), fill("bt-2", 5, T0.plusSeconds(60)));

        int first = db.withSession(s -> orders.insertFilled(s, a.id(), "bt" + a.id() + "-", fills));
        int again = db.withSession(s -> orders.insertFilled(s, a.id(), "bt" + a.id() + "-", fills));
        int other = db.withSession(s -> orders.insertFilled(s, b.id(), "bt" + b.id() + "-", fills));

        assertThat(first).isEqualTo(2);
        assertThat(again).as("a repeated client order id is skipped").isZero();
        assertThat(other).as("the same replay ids in another portfolio").isEqualTo(2);
        List<StoredOrder> stored = db.withSession(s -> orderReads.recent(s, a.id(), 10));
        assertThat(stored)
                .extracting(StoredOrder::status, o -> o.filledQuantity().intValue(), StoredOrder::clientOrderId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(OrderStatus.FILLED, 3, "bt" + a.id() + "-bt-1"),
                        org.assertj.core.groups.Tuple.tuple(OrderStatus.FILLED, 5, "bt" + a.id() + "-bt-2"));
        List<StoredExecution> execs = db.withSession(s ->
                orderReads.executionsOf(s, stored.stream().map(StoredOrder::id).toList()));
        assertThat(execs).hasSize(2).allSatisfy(e -> {
            assertThat(e.execution().price()).isEqualTo(100.25);
            assertThat(e.execution().commission()).isEqualByComparingTo("1.5");
        });
    }

    private static boolean apply(long orderId, Execution e) {
        return db.<Boolean>withSession(s -> orders.applyExecution(s, orderId, e));
    }

    private static java.util.Optional<StoredOrder> insert(long portfolioId, NewOrder o) {
        return db.withSession(s -> orders.insert(s, portfolioId, o));
    }

    private static Execution fill(String id, int qty, Instant at) {
        return new Execution(id, "AAA", Side.BUY, BigDecimal.valueOf(qty), 100.25, Money.of("1.5"), Money.ZERO, at);
    }
}
