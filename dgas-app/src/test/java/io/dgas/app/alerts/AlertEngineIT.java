package io.dgas.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.dgas.app.demo.SyntheticBars;
import io.dgas.calc.drummond.Signal;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.SqlSession;
import io.dgas.store.StatementObserver;
import io.dgas.store.alerts.AlertEvent;
import io.dgas.store.alerts.AlertRepository;
import io.dgas.store.alerts.AlertRule;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.testkit.FakeClock;
import io.dgas.testkit.PostgresExtension;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AlertEngineIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Instant NOW = Instant.parse("2024-06-03T12:00:00Z");
    private static Database db;
    private static ExecutorService pool;
    private static AlertRepository repo;
    private final FakeClock clock = new FakeClock(NOW);

    @BeforeAll
    static void seed() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        new BarIngestor(db, IngestListener.NONE)
                .ingest(
                        "synthetic",
                        new SyntheticBars(3, 40, Timeframe.H1, NOW, 7),
                        null,
                        IngestOptions.defaults().withCreateSymbols(true));
        pool = Executors.newCachedThreadPool();
        repo = new AlertRepository(db);
    }

    @AfterAll
    static void close() {
        pool.shutdownNow();
        db.close();
    }

    @BeforeEach
    void quietOtherTestsRules() {
        db.update("t", "UPDATE alert_rules SET active = false", SqlSession.Binder.NONE);
    }

    private AlertEngine engine(List<AlertSink> sinks, Duration deadline) {
        return new AlertEngine(
                repo, new BarRepository(db), new AlertDispatcher(sinks, repo, pool, clock, deadline), clock);
    }

    private static AlertRule rule(
            String name, String symbol, AlertRule.Type type, AlertRule.Condition c, double t, int cooldown) {
        return new AlertRule(0, name, symbol, type, c, t, "1h", 1, 20, List.of(), cooldown, true, null);
    }

    private static List<String> statuses(String rule) {
        return db.query(
                "t",
                "SELECT fired_status || '/' || delivery_status FROM alert_logs l JOIN alert_rules r"
                        + " ON r.id = l.rule_id WHERE r.name = ? ORDER BY l.id",
                ps -> ps.setString(1, rule),
                rs -> rs.getString(1));
    }

    @Test
    void evaluate_conditionHoldsThrice_firesThenSuppressesInsideCooldownThenFiresAgain() throws Exception {
        repo.add(rule("always", "SYN0001", AlertRule.Type.THRESHOLD, AlertRule.Condition.ABOVE, 0.01, 60));
        AlertEngine engine = engine(List.of(new LogSink()), Duration.ofSeconds(5));

        engine.evaluate(List.of(), null).delivered().get(10, TimeUnit.SECONDS);
        clock.advance(Duration.ofSeconds(30));
        engine.evaluate(List.of(), null).delivered().get(10, TimeUnit.SECONDS);
        clock.advance(Duration.ofSeconds(31));
        engine.evaluate(List.of(), null).delivered().get(10, TimeUnit.SECONDS);

        assertThat(statuses("always")).containsExactly("fired/sent", "suppressed/skipped", "fired/sent");
    }

    @Test
    void evaluate_percentChange_comparesTheLastTwoCloses() throws Exception {
        BarColumns b = new BarRepository(db).last("SYN0002", Timeframe.H1, 2);
        double pct = (b.close()[1] / b.close()[0] - 1) * 100;
        AlertRule.Condition dir = pct >= 0 ? AlertRule.Condition.ABOVE : AlertRule.Condition.BELOW;
        repo.add(rule("move-hit", "SYN0002", AlertRule.Type.PERCENT_CHANGE, dir, Math.abs(pct) * 0.99, 0));
        repo.add(rule("move-miss", "SYN0002", AlertRule.Type.PERCENT_CHANGE, dir, Math.abs(pct) * 1.01, 0));

        List<AlertEvent> events = engine(List.of(), Duration.ofSeconds(5))
                .evaluate(List.of(), null)
                .events();

        assertThat(events)
                .filteredOn(e -> e.rule().name().startsWith("move-"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.rule().name()).isEqualTo("move-hit");
                    assertThat(e.triggerValue()).isCloseTo(pct, org.assertj.core.data.Offset.offset(1e-9));
                });
    }

    @Test
    void evaluate_signalRule_firesForConfidentSignalsOfItsSymbols() {
        repo.add(new AlertRule(
                0,
                "confident",
                null,
                AlertRule.Type.SIGNAL,
                AlertRule.Condition.AT_LEAST,
                0.7,
                "1h",
                1,
                20,
                List.of("SYN0003"),
                0,
                true,
                null));
        Signal weak = new Signal(
                "SYN0003", 1, NOW.getEpochSecond(), Signal.Type.LONG, 10, 9, 12, 0.6, 0.5, 0.7, Signal.Tier.LOW, false);
        Signal strong = new Signal(
                "SYN0003",
                1,
                NOW.getEpochSecond(),
                Signal.Type.LONG,
                10,
                9,
                12,
                0.8,
                0.5,
                0.7,
                Signal.Tier.HIGH,
                false);
        Signal other = new Signal(
                "SYN0001",
                1,
                NOW.getEpochSecond(),
                Signal.Type.LONG,
                10,
                9,
                12,
                0.9,
                0.5,
                0.7,
                Signal.Tier.HIGH,
                false);

        List<AlertEvent> events = engine(List.of(), Duration.ofSeconds(5))
                .evaluate(List.of(weak, strong, other), List.of())
                .events();

        assertThat(events)
                .filteredOn(e -> e.rule().name().equals("confident"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.symbol()).isEqualTo("SYN0003");
                    assertThat(e.triggerValue()).isEqualTo(0.8);
                });
    }

    @Test
    void dispatch_slowFailingWebhook_doesNotDelayTheOtherSinkAndIsRecordedFailed() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        CountDownLatch release = new CountDownLatch(1);
        server.createContext("/hook", ex -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        try {
            CountDownLatch console = new CountDownLatch(1);
            AlertSink recording = new AlertSink() {
                @Override
                public String name() {
                    return "console";
                }

                @Override
                public void deliver(AlertEvent e) {
                    console.countDown();
                }
            };
            URI hook = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
            repo.add(rule("hooked", "SYN0001", AlertRule.Type.THRESHOLD, AlertRule.Condition.ABOVE, 0.01, 0));
            AlertEngine engine = engine(
                    List.of(new WebhookSink(hook, Duration.ofSeconds(5), 2, Duration.ofMillis(10)), recording),
                    Duration.ofSeconds(20));

            AlertEngine.Outcome outcome = engine.evaluate(List.of(), List.of("SYN0001"));

            assertThat(console.await(5, TimeUnit.SECONDS))
                    .as("console delivered while the webhook hangs")
                    .isTrue();
            assertThat(outcome.delivered()).isNotDone();
            release.countDown();
            outcome.delivered().get(20, TimeUnit.SECONDS);
            assertThat(db.queryOne(
                            "t",
                            "SELECT delivery_status || ':' || message FROM alert_logs l JOIN alert_rules r"
                                    + " ON r.id = l.rule_id WHERE r.name = 'hooked' AND fired_status = 'fired'",
                            SqlSession.Binder.NONE,
                            rs -> rs.getString(1)))
                    .hasValueSatisfying(v -> assertThat(v)
                            .startsWith("failed:")
                            .contains("webhook")
                            .contains("HTTP 500"));
        } finally {
            server.stop(0);
        }
    }
}
