package io.dgas.app.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.app.service.BadInputException;
import io.dgas.ledger.Money;
import io.dgas.ledger.OrderStatus;
import io.dgas.ledger.OrderType;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.Position;
import io.dgas.ledger.RiskLimits;
import io.dgas.ledger.Side;
import io.dgas.ledger.Sizing;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.ledger.Portfolio;
import io.dgas.store.ledger.PositionRepository;
import io.dgas.store.ledger.StoredOrder;
import io.dgas.store.ledger.StoredPosition;
import io.dgas.store.ledger.TradingSession;
import io.dgas.testkit.FakeClock;
import io.dgas.testkit.PostgresExtension;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A manual order is checked against its session's limits when placed, as the paper cycle checks its own: market
 * orders at the latest 1h close moved by the session's 10 bps slippage, limit orders at the limit, stop orders at the
 * stop moved by the slippage. A refused one is stored as rejected with the limit named. Latest closes: LIM 100, OTH
 * 100, DRP 80.
 */
class ManualOrderRiskIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Instant T0 = Instant.parse("2024-05-06T10:00:00Z");
    private static final FakeClock CLOCK = new FakeClock(T0.plusSeconds(3660));
    private static Database db;
    private static PortfolioService service;
    private static int portfolioCount;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        db.queryOne(
                "test.part",
                "SELECT dgas_create_month_partition('bars', ?)",
                ps -> ps.setObject(1, java.sql.Timestamp.from(T0)),
                rs -> 1);
        bar("LIM", 100);
        bar("OTH", 100);
        bar("DRP", 80);
        service = new PortfolioService(db, CLOCK, QueryCache.NONE);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static void bar(String ticker, double close) {
        db.update("test.sym", "INSERT INTO symbols (ticker) VALUES (?)", ps -> ps.setString(1, ticker));
        db.update(
                "test.bar",
                "INSERT INTO bars (symbol_id, timeframe, ts, open, high, low, close, volume) SELECT id, '1h', ?, ?,"
                        + " ?, ?, ?, 1000 FROM symbols WHERE ticker = ?",
                ps -> {
                    ps.setTimestamp(1, java.sql.Timestamp.from(T0));
                    ps.setDouble(2, close);
                    ps.setDouble(3, close);
                    ps.setDouble(4, close);
                    ps.setDouble(5, close);
                    ps.setString(6, ticker);
                });
    }

    /** A 100,000 portfolio with a paper session: position 5,000, gross 8,000, daily loss 500, {@code rate}/minute. */
    private static TradingSession session(int rate) {
        Portfolio p = service.create("risk", "p" + ++portfolioCount, "USD", new BigDecimal("100000"));
        return service.startSession(
                p.id(),
                "paper",
                new RiskLimits(new BigDecimal("5000"), new BigDecimal("8000"), new BigDecimal("500"), rate),
                new PaperRules(Sizing.FIXED_QUANTITY, BigDecimal.ONE, 10, Money.ZERO, 0, Money.ZERO));
    }

    private static StoredOrder place(TradingSession t, String symbol, Side side, int quantity) {
        return service.place(
                t.portfolioId(),
                t.id(),
                symbol,
                side,
                BigDecimal.valueOf(quantity),
                OrderType.MARKET,
                null,
                null,
                "gtc",
                null);
    }

    private static StoredOrder placeAt(TradingSession t, OrderType type, Side side, int quantity, double price) {
        return service.place(
                t.portfolioId(),
                null,
                "LIM",
                side,
                BigDecimal.valueOf(quantity),
                type,
                type == OrderType.LIMIT ? price : null,
                type == OrderType.STOP ? price : null,
                "gtc",
                null);
    }

    private static void hold(TradingSession t, String symbol, int quantity, int averagePrice) {
        Position p = new Position(
                symbol,
                BigDecimal.valueOf(quantity),
                BigDecimal.valueOf((long) quantity * averagePrice),
                Money.ZERO,
                Money.ZERO);
        db.withSession(s -> {
            new PositionRepository().upsert(s, t.portfolioId(), new StoredPosition(p, null, null, T0, null), T0);
            return null;
        });
    }

    @Test
    void place_beyondPositionValueAtCloseLimitOrStop_storedRejectedNamingTheLimit() {
        TradingSession t = session(60);
        // market buy at 100 × 1.001 = 100.1: 50 × 100.1 = 5,005 > 5,000; 49 × 100.1 = 4,904.9
        StoredOrder over = place(t, "LIM", Side.BUY, 50);
        assertThat(over.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(over.rejectReason()).isEqualTo(RiskLimits.POSITION);
        assertThat(over.quantity()).as("stored as asked, not resized").isEqualByComparingTo("50");
        assertThat(over.rationale()).contains("refused by max_position_value");
        assertThat(place(t, "LIM", Side.BUY, 49).status()).isEqualTo(OrderStatus.NEW);
        // market sell at 100 × 0.999 = 99.9: 51 × 99.9 = 5,094.9 > 5,000; 50 × 99.9 = 4,995
        assertThat(place(t, "LIM", Side.SELL, 51).rejectReason()).isEqualTo(RiskLimits.POSITION);
        assertThat(place(t, "LIM", Side.SELL, 50).status()).isEqualTo(OrderStatus.NEW);
        // limit at 80, no slippage: 63 × 80 = 5,040 > 5,000; 62 × 80 = 4,960
        assertThat(placeAt(t, OrderType.LIMIT, Side.BUY, 63, 80).rejectReason()).isEqualTo(RiskLimits.POSITION);
        StoredOrder limit = placeAt(t, OrderType.LIMIT, Side.BUY, 62, 80);
        assertThat(limit.status()).isEqualTo(OrderStatus.NEW);
        assertThat(limit.sessionId()).as("the portfolio's active session").isEqualTo(t.id());
        // buy stop at 110 × 1.001 = 110.11: 46 × 110.11 = 5,065.06 > 5,000; 45 × 110.11 = 4,954.95
        assertThat(placeAt(t, OrderType.STOP, Side.BUY, 46, 110).rejectReason()).isEqualTo(RiskLimits.POSITION);
        assertThat(placeAt(t, OrderType.STOP, Side.BUY, 45, 110).status()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void place_manyWithoutAClientIdAtOneInstant_eachStoredUnderItsOwnId() {
        TradingSession t = session(60);
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int k = 0; k < 300; k++) {
            ids.add(place(t, "LIM", Side.BUY, 1).clientOrderId());
        }
        assertThat(ids).as("300 orders at the fixed clock's one instant").hasSize(300);
    }

    @Test
    void place_beyondGrossExposure_storedRejectedByGross() {
        TradingSession t = session(60);
        hold(t, "OTH", 40, 100); // 40 × 100 = 4,000 gross; 4,000 of the 8,000 left
        // 40 × 100.1 = 4,004 > 4,000 left (and ≤ 5,000 per position); 39 × 100.1 = 3,903.9
        assertThat(place(t, "LIM", Side.BUY, 40).rejectReason()).isEqualTo(RiskLimits.GROSS);
        assertThat(place(t, "LIM", Side.BUY, 39).status()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void place_afterDailyLossReached_refusesNewRiskButNotAReduction() {
        TradingSession t = session(60);
        hold(t, "DRP", 40, 100); // marked at 80: 40 × (80 − 100) = −800, past the 500 limit
        StoredOrder refused = place(t, "LIM", Side.BUY, 1);
        assertThat(refused.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(refused.rejectReason()).isEqualTo(RiskLimits.DAILY_LOSS);
        assertThat(place(t, "DRP", Side.SELL, 10).status())
                .as("reducing a position is never refused")
                .isEqualTo(OrderStatus.NEW);
    }

    @Test
    void place_overOrdersPerMinute_refusedUntilTheMinutePasses() {
        TradingSession t = session(2);
        assertThat(placeAt(t, OrderType.LIMIT, Side.BUY, 1, 90).status()).isEqualTo(OrderStatus.NEW);
        assertThat(placeAt(t, OrderType.LIMIT, Side.BUY, 1, 90).status()).isEqualTo(OrderStatus.NEW);
        StoredOrder third = placeAt(t, OrderType.LIMIT, Side.BUY, 1, 90);
        assertThat(third.rejectReason()).isEqualTo(RiskLimits.RATE);
        CLOCK.advance(Duration.ofSeconds(61));
        try {
            assertThat(placeAt(t, OrderType.LIMIT, Side.BUY, 1, 90).status())
                    .as("the two accepted ones are older than a minute; the rejected one never counted")
                    .isEqualTo(OrderStatus.NEW);
        } finally {
            CLOCK.set(T0.plusSeconds(3660));
        }
    }

    @Test
    void place_twoAtOnceOverOrdersPerMinute_checkedInTurnOneRefused() throws Exception {
        TradingSession t = session(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try (Connection holder = PG.connect()) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("SELECT id FROM trading_sessions WHERE id = " + t.id() + " FOR UPDATE");
            }
            List<Future<StoredOrder>> placed = List.of(
                    two.submit(() -> placeAt(t, OrderType.LIMIT, Side.BUY, 1, 90)),
                    two.submit(() -> placeAt(t, OrderType.LIMIT, Side.BUY, 1, 90)));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (lockWaits(holder) < 1) {
                assertThat(placed)
                        .as("no placement passes the session's locked row")
                        .noneMatch(Future::isDone);
                assertThat(System.nanoTime())
                        .as("a placement waiting on the lock")
                        .isLessThan(deadline);
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            assertThat(placed)
                    .as("no placement passes the session's locked row")
                    .noneMatch(Future::isDone);
            assertThat(placed)
                    .as("no placement passes the session's locked row")
                    .noneMatch(Future::isDone);
            holder.commit();
            List<StoredOrder> orders = new ArrayList<>();
            for (Future<StoredOrder> f : placed) {
                orders.add(f.get(20, TimeUnit.SECONDS));
            }
            assertThat(orders)
                    .extracting(StoredOrder::status)
                    .as("1 order a minute: the second is checked after the first is stored")
                    .containsExactlyInAnyOrder(OrderStatus.NEW, OrderStatus.REJECTED);
        } finally {
            two.shutdownNow();
        }
    }

    private static long lockWaits(Connection c) throws Exception {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void place_withoutSessionOrBar_uncheckedOrNamedSymbol() {
        Portfolio bare = service.create("risk", "bare", "USD", new BigDecimal("1000"));
        StoredOrder free = service.place(
                bare.id(), null, "LIM", Side.BUY, new BigDecimal("1000"), OrderType.MARKET, null, null, "gtc", null);
        assertThat(free.status()).as("no session, no limits").isEqualTo(OrderStatus.NEW);
        db.update("test.sym", "INSERT INTO symbols (ticker) VALUES ('NOBAR')", ps -> {});
        TradingSession t = session(60);
        assertThatThrownBy(() -> place(t, "NOBAR", Side.BUY, 1))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("no 1h bar of NOBAR");
    }
}
