package io.dgas.app.trading;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.Timeframe;
import io.dgas.ledger.OrderStatus;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskLimits;
import io.dgas.ledger.Side;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.cache.CaffeineQueryCache;
import io.dgas.store.cache.RegionSpec;
import io.dgas.store.ledger.NewOrder;
import io.dgas.store.ledger.OrderRepository;
import io.dgas.store.ledger.Portfolio;
import io.dgas.store.ledger.StoredOrder;
import io.dgas.store.ledger.TradingSession;
import io.dgas.testkit.PostgresExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ledger's cached reads: a repeated read is served from the {@code portfolio} region (no statement), and each
 * write through {@link PortfolioService} is visible on the very next read.
 */
class PortfolioServiceCacheIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final AtomicLong STATEMENTS = new AtomicLong();
    private static Database db;
    private static PortfolioService service;
    private static CaffeineQueryCache cache;

    @BeforeAll
    static void open() {
        db = Database.open(
                DatabaseSettings.defaults(PG.jdbcUrl(), null, null),
                (name, nanos, rows, failed) -> STATEMENTS.incrementAndGet());
        db.update("test.sym", "INSERT INTO symbols (ticker) VALUES ('CCA')", ps -> {});
        cache = new CaffeineQueryCache(RegionSpec.defaults(), new SimpleMeterRegistry(), io.dgas.store.cache.L2.NONE);
        service = new PortfolioService(db, Clock.systemUTC(), cache);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void reads_repeated_areServedFromTheCacheAndEachWriteIsVisibleOnTheNextRead() {
        assertThat(service.page("cara", false, 10, 0).total()).isZero();
        Portfolio p = service.create("cara", "main", "USD", new BigDecimal("1000"));
        assertThat(service.page("cara", false, 10, 0).items())
                .extracting(Portfolio::id)
                .containsExactly(p.id());

        assertThat(service.show(p.id(), Timeframe.H1, 10).trades()).isEmpty();
        long before = STATEMENTS.get();
        service.show(p.id(), Timeframe.H1, 10);
        service.orders(p.id(), null, 10, 0);
        service.orders(p.id(), null, 10, 0);
        assertThat(STATEMENTS.get() - before)
                .as("the second summary and orders page come from the cache (the portfolio check runs)")
                .isEqualTo(3);

        TradingSession t = service.startSession(
                p.id(),
                "paper",
                new RiskLimits(BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN, 5),
                PaperRules.fixedCash(BigDecimal.ONE));
        StoredOrder o = db.withSession(s -> new OrderRepository(db)
                .insert(s, p.id(), NewOrder.market(t.id(), "CCA", Side.BUY, BigDecimal.ONE, "c1", Instant.now()))
                .orElseThrow());
        // a write outside the service (the paper cycle's) drops the portfolio's entries itself
        new LedgerCache(cache).changed(p.id());
        assertThat(service.orders(p.id(), null, 10, 0).items())
                .extracting(StoredOrder::id)
                .containsExactly(o.id());

        assertThat(service.cancel(o.id())).isPresent();
        assertThat(service.orders(p.id(), null, 10, 0).items().get(0).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(service.show(p.id(), Timeframe.H1, 10)
                        .trades()
                        .get(0)
                        .order()
                        .status())
                .isEqualTo(OrderStatus.CANCELLED);

        assertThat(service.close(p.id())).isTrue();
        assertThat(service.page("cara", false, 10, 0).items()).isEmpty();
        assertThat(service.show(p.id(), Timeframe.H1, 10).portfolio().active()).isFalse();
    }

    @Test
    void sessionsRiskAndPerformance_repeated_areCachedAndEachWriteIsVisibleOnTheNextRead() {
        Portfolio p = service.create("dora", "main", "USD", new BigDecimal("1000"));
        RiskService risk = new RiskService(db, Clock.systemUTC(), cache);
        LedgerApiService api = new LedgerApiService(db, service, risk, Clock.systemUTC());
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);

        assertThat(service.sessions(p.id(), false, 10, 0).items()).isEmpty();
        assertThat(risk.of(p.id(), Timeframe.H1).openOrders()).isZero();
        assertThat(api.performance(p.id(), today.minusDays(1), today)).isEmpty();
        long before = STATEMENTS.get();
        service.sessions(p.id(), false, 10, 0);
        risk.of(p.id(), Timeframe.H1);
        api.performance(p.id(), today.minusDays(1), today);
        assertThat(STATEMENTS.get() - before)
                .as("sessions, risk report and performance days come from the cache")
                .isZero();

        TradingSession t = service.startSession(
                p.id(),
                "paper",
                new RiskLimits(new BigDecimal("500"), new BigDecimal("500"), new BigDecimal("100"), 5),
                PaperRules.fixedCash(BigDecimal.ONE));
        assertThat(service.sessions(p.id(), false, 10, 0).items())
                .extracting(TradingSession::id)
                .containsExactly(t.id());
        assertThat(risk.of(p.id(), Timeframe.H1).limits()).isEqualTo(t.limits());

        service.place(
                p.id(), null, "CCA", Side.BUY, BigDecimal.ONE, io.dgas.ledger.OrderType.LIMIT, 2.0, null, "gtc", null);
        assertThat(risk.of(p.id(), Timeframe.H1).openOrders()).isOne();

        // the paper cycle records an equity snapshot, refreshes the view and drops the cached days
        new PaperTradingService(db, Clock.systemUTC(), cache).onRun(0, Timeframe.H1, java.util.List.of());
        assertThat(api.performance(p.id(), today.minusDays(1), today))
                .singleElement()
                .satisfies(d -> assertThat(d.equity()).isEqualByComparingTo("1000"));

        assertThat(service.stopSession(t.id())).isTrue();
        assertThat(service.sessions(p.id(), false, 10, 0).items()).isEmpty();
        assertThat(risk.of(p.id(), Timeframe.H1).limits()).isNull();
    }
}
