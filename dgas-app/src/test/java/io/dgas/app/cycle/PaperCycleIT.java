package io.dgas.app.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.trading.PaperTradingService;
import io.dgas.app.trading.SessionReport;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.Signal;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskLimits;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.ledger.Portfolio;
import io.dgas.store.ledger.PortfolioRepository;
import io.dgas.store.ledger.TradingSession;
import io.dgas.testkit.FakeClock;
import io.dgas.testkit.PostgresExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The prediction cycle drives an active paper session after it has stored its signals: one order per entry signal. */
class PaperCycleIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Instant NOW = Instant.parse("2024-06-03T12:00:00Z");
    private static Database db;
    private static ExecutorService workers;

    @BeforeAll
    static void seed() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        Seed.universe(db, 40, 300, NOW, 42, true);
        workers = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void close() {
        workers.shutdownNow();
        db.close();
    }

    @Test
    void cycle_withActivePaperSession_turnsEachEntrySignalIntoALinkedOrder() {
        FakeClock clock = new FakeClock(NOW);
        PortfolioRepository portfolios = new PortfolioRepository(db);
        Portfolio p = portfolios
                .create("demo", "paper", "USD", new BigDecimal("1000000"), NOW)
                .orElseThrow();
        TradingSession t = portfolios.startSession(
                p.id(),
                "paper",
                new RiskLimits(new BigDecimal("50000"), new BigDecimal("1000000"), new BigDecimal("10000"), 1000),
                PaperRules.fixedCash(new BigDecimal("10000")),
                NOW);
        PaperTradingService paper = new PaperTradingService(db, clock, io.dgas.store.cache.QueryCache.NONE);
        List<SessionReport> reports = new ArrayList<>();
        PredictionCycle cycle = new PredictionCycle(
                db,
                new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults()),
                workers,
                10,
                clock,
                "test",
                new SimpleMeterRegistry(),
                r -> {
                    List<SessionReport> done = paper.onRun(r.run().id(), r.run().trading(), r.signals());
                    reports.addAll(done);
                    return r.withPaper(done);
                });

        CycleResult r = cycle.run(new CycleRequest(null, Timeframe.H4, Timeframe.H1, 200, Duration.ofHours(3)));

        long entries = r.signals().stream().filter(s -> s.type().isEntry()).count();
        assertThat(entries).as("the seeded universe yields entry signals").isPositive();
        assertThat(reports).singleElement().satisfies(rep -> {
            assertThat(rep.sessionId()).isEqualTo(t.id());
            assertThat(rep.placed() + rep.rejected()).isEqualTo((int) entries);
        });
        assertThat(r.paper())
                .as("the run's result carries what the sessions did")
                .isEqualTo(reports);
        long linked = db.queryOne(
                        "test.linked",
                        "SELECT count(*) FROM orders o JOIN signals g ON g.id = o.signal_id WHERE o.session_id = ?"
                                + " AND g.run_id = ?",
                        ps -> {
                            ps.setLong(1, t.id());
                            ps.setLong(2, r.run().id());
                        },
                        rs -> rs.getLong(1))
                .orElseThrow();
        assertThat(linked).isEqualTo(entries);
        assertThat(r.signals()).extracting(Signal::symbol).isNotEmpty();
    }
}
