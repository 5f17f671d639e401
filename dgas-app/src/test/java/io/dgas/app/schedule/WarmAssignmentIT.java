package io.dgas.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.cycle.AnalyzerPool;
import io.dgas.app.cycle.CycleRequest;
import io.dgas.app.cycle.PredictionCycle;
import io.dgas.app.cycle.SymbolAnalyzer;
import io.dgas.app.demo.SyntheticBars;
import io.dgas.app.events.EventListener;
import io.dgas.app.events.RemoteBarChanges;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.SqlSession;
import io.dgas.store.StatementObserver;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.BarRollup;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.runs.RunRecord;
import io.dgas.store.runs.RunStatus;
import io.dgas.testkit.PostgresExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two scheduler instances (separate pools, warm analyzer pools and event listeners) on one database, symbols assigned
 * by a stable hash: each instance's batches run on it, so a second cycle rebuilds nothing; a correction ingested by a
 * third process reaches the owner's warm series (pg_notify) and only that series is rebuilt; when an instance leaves,
 * the other takes its symbols over with one rebuild query per batch and timeframe. Rebuilds are counted as the
 * rebuild statement ({@code bars.last-n-many}) each instance's pool executes.
 */
class WarmAssignmentIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final SchedulerService.Timing FAST =
            new SchedulerService.Timing(Duration.ofMillis(100), Duration.ofMillis(250), 4, Duration.ofMillis(200), 2);
    private static final Duration LIVE = FAST.heartbeat().multipliedBy(FAST.missedHeartbeats());
    private static final int SYMBOLS = 20;
    private static final int BATCH = 4;
    private static final String REBUILD = "bars.last-n-many";

    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final List<AutoCloseable> open = new ArrayList<>();

    private static final class Node {
        final String name;
        final AtomicInteger rebuilds = new AtomicInteger();
        final AtomicInteger heard = new AtomicInteger();
        Database db;
        AnalyzerPool pool;
        PredictionCycle cycle;
        SchedulerService scheduler;
        EventListener listener;

        Node(String name) {
            this.name = name;
        }
    }

    private Node node(String name) {
        Node n = new Node(name);
        n.db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), (stmt, nanos, rows, failed) -> {
            if (stmt.equals(REBUILD)) {
                n.rebuilds.incrementAndGet();
            }
        });
        SymbolAnalyzer analyzer = new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults());
        n.pool = new AnalyzerPool(n.db, analyzer);
        PredictionCycle cycle = new PredictionCycle(
                        n.db, analyzer, workers, BATCH, Clock.systemUTC(), name, new SimpleMeterRegistry(), r -> r)
                .warm(n.pool);
        n.cycle = cycle;
        ClusterCycle cluster = new ClusterCycle(
                        n.db,
                        cycle,
                        WarmAssignmentIT::request,
                        ExchangeCalendar.always(),
                        Clock.systemUTC(),
                        name,
                        BATCH)
                .assignByHash(LIVE);
        n.scheduler = SchedulerService.batchesOnly(n.db, cluster, name, Clock.systemUTC(), FAST);
        RemoteBarChanges remote = new RemoteBarChanges(n.pool);
        n.listener = new EventListener(() -> n.db.settings(), (event, json) -> {
                    remote.accept(event, json);
                    n.heard.incrementAndGet();
                })
                .start();
        open.add(n.listener);
        open.add(n.scheduler);
        open.add(n.db);
        return n;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        workers.shutdownNow();
    }

    private static void seed() {
        try (Database db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE)) {
            new BarIngestor(db, IngestListener.NONE)
                    .ingest(
                            "synthetic",
                            new SyntheticBars(SYMBOLS, 400, Timeframe.H1, Instant.parse("2025-03-01T00:00:00Z"), 5),
                            null,
                            IngestOptions.defaults().withCreateSymbols(true));
            new BarRollup(db, IngestListener.NONE)
                    .withEvents(EventPublisher.NONE)
                    .fromBars(List.of(), Timeframe.H1, List.of(Timeframe.H4), false, null);
            db.update("t", "DELETE FROM scheduled_tasks", SqlSession.Binder.NONE);
        }
    }

    @Test
    void twoInstances_stableHash_warmStaysWarmRemoteCorrectionRebuildsOneSeriesTakeoverRebuildsPerBatch()
            throws Exception {
        seed();
        Node a = node("node-a");
        Node b = node("node-b");
        a.scheduler.start();
        b.scheduler.start();
        List<String> universe = universe(a.db);
        Map<String, List<String>> share = SymbolAssignment.assign(universe, List.of("node-a", "node-b"));
        assertThat(share.get("node-a")).isNotEmpty();
        assertThat(share.get("node-b")).isNotEmpty();

        // cold start: each instance builds its own share (trading and higher timeframe), and only its share
        RunRecord first = a.scheduler.runOnce(Duration.ofSeconds(60)).orElseThrow();
        assertThat(first.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(first.processed()).isEqualTo(SYMBOLS);
        assertThat(a.pool.size()).isEqualTo(2 * share.get("node-a").size());
        assertThat(b.pool.size()).isEqualTo(2 * share.get("node-b").size());
        assertThat(batchesRanBy(a.db, first.id()))
                .containsEntry("node-a", batches(share.get("node-a")))
                .containsEntry("node-b", batches(share.get("node-b")));

        // the same assignment next cycle: nothing to rebuild anywhere
        a.rebuilds.set(0);
        b.rebuilds.set(0);
        assertThat(a.scheduler.runOnce(Duration.ofSeconds(60)).orElseThrow().status())
                .isEqualTo(RunStatus.SUCCESS);
        assertThat(a.rebuilds.get()).isZero();
        assertThat(b.rebuilds.get()).isZero();

        // a third process corrects a bar inside the window of a symbol of node-b: node-b rebuilds that series only
        await(() -> a.listener.listening() && b.listener.listening(), "both listeners");
        String corrected = share.get("node-b").get(0);
        int heardBefore = b.heard.get();
        try (Database other =
                Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE)) {
            BarColumns last = new BarRepository(other).last(corrected, Timeframe.H1, 10);
            int i = 4; // six bars before the newest
            String csv = "timestamp,symbol,interval,open,high,low,close,volume\n" + last.ts()[i] + "," + corrected
                    + ",1h," + last.open()[i] + "," + (last.high()[i] + 5) + "," + last.low()[i] + ","
                    + (last.high()[i] + 4) + "," + last.volume()[i] + "\n";
            new BarIngestor(other, IngestListener.NONE)
                    .ingest("correction", new StringReader(csv), null, IngestOptions.defaults());
        }
        await(() -> b.heard.get() > heardBefore, "node-b hearing the correction");
        a.rebuilds.set(0);
        b.rebuilds.set(0);
        assertThat(a.scheduler.runOnce(Duration.ofSeconds(60)).orElseThrow().status())
                .isEqualTo(RunStatus.SUCCESS);
        assertThat(b.rebuilds.get())
                .as("one query: the trading series of one batch")
                .isEqualTo(1);
        assertThat(a.rebuilds.get()).isZero();
        BarColumns stored = new BarRepository(a.db).last(corrected, Timeframe.H1, 10);
        assertThat(stored.close()[4]).isEqualTo(stored.high()[4] - 1);

        // node-b leaves: node-a takes its symbols over, one rebuild query per batch holding any of them and timeframe
        b.scheduler.close();
        a.rebuilds.set(0);
        RunRecord takeover = a.scheduler.runOnce(Duration.ofSeconds(60)).orElseThrow();
        assertThat(takeover.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(batchesRanBy(a.db, takeover.id())).containsOnlyKeys("node-a");
        int withTakenOver = 0;
        for (int from = 0; from < universe.size(); from += BATCH) {
            List<String> batch = universe.subList(from, Math.min(universe.size(), from + BATCH));
            withTakenOver += batch.stream().anyMatch(share.get("node-b")::contains) ? 1 : 0;
        }
        assertThat(a.rebuilds.get()).isEqualTo(2 * withTakenOver);
        assertThat(a.pool.size()).isEqualTo(2 * SYMBOLS);
    }

    @Test
    void ownerDiesWithItsBatchesScheduled_theyAreHandedToTheLiveInstanceAndTheRunFinishes() {
        seed();
        Node a = node("node-a");
        a.scheduler.start();
        // node-c announced itself, then died: no scheduler runs its batches and its row stops being refreshed
        a.db.update(
                "t",
                "INSERT INTO scheduler_instances (name, started_at, last_seen) VALUES ('node-c', now(), now())"
                        + " ON CONFLICT (name) DO UPDATE SET last_seen = now()",
                SqlSession.Binder.NONE);
        Map<String, List<String>> share = SymbolAssignment.assign(universe(a.db), List.of("node-a", "node-c"));
        assertThat(share.get("node-c")).isNotEmpty();

        RunRecord run = a.scheduler.runOnce(Duration.ofSeconds(60)).orElseThrow();

        // node-c's batches waited for it until it was no longer live, then node-a's heartbeat handed them over
        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(run.processed()).isEqualTo(SYMBOLS);
        assertThat(batchesRanBy(a.db, run.id()))
                .containsOnlyKeys("node-a")
                .containsEntry("node-a", batches(share.get("node-a")) + batches(share.get("node-c")));
        assertThat(a.pool.size()).isEqualTo(2 * SYMBOLS);
        a.db.update("t", "DELETE FROM scheduler_instances WHERE name = 'node-c'", SqlSession.Binder.NONE);
    }

    @Test
    void secondInstanceJoins_firstDropsTheSeriesNoLongerItsOwn_outputsUnchanged() {
        seed();
        Node a = node("node-a");
        a.scheduler.start();
        RunRecord alone = a.scheduler.runOnce(Duration.ofSeconds(60)).orElseThrow();
        assertThat(alone.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(a.pool.size()).isEqualTo(2 * SYMBOLS);

        Node b = node("node-b");
        b.scheduler.start();
        await(() -> liveNames(a.db).contains("node-b"), "node-b announced");
        Map<String, List<String>> share = SymbolAssignment.assign(universe(a.db), List.of("node-a", "node-b"));
        assertThat(share.get("node-b")).isNotEmpty();
        RunRecord shared = a.scheduler.runOnce(Duration.ofSeconds(60)).orElseThrow();

        assertThat(shared.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(batchesRanBy(a.db, shared.id())).containsOnlyKeys("node-a", "node-b");
        assertThat(a.pool.size()).isEqualTo(2 * share.get("node-a").size());
        assertThat(b.pool.size()).isEqualTo(2 * share.get("node-b").size());
        assertThat(shared.processed()).isEqualTo(alone.processed());
        assertThat(shared.failed()).isZero();
        // outputs unchanged: each instance's warm share analyses as a cold recomputation does, with no rebuild
        Database coldDb = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        open.add(coldDb);
        PredictionCycle cold = new PredictionCycle(
                coldDb,
                new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults()),
                workers,
                BATCH,
                Clock.systemUTC(),
                "cold",
                new SimpleMeterRegistry(),
                r -> r);
        a.rebuilds.set(0);
        b.rebuilds.set(0);
        for (Node n : List.of(a, b)) {
            List<String> own = share.get(n.name);
            List<io.dgas.app.cycle.SymbolOutcome> warm = n.cycle.batch(
                    own,
                    request(),
                    shared.startedAt(),
                    new java.util.concurrent.atomic.LongAdder(),
                    new java.util.concurrent.atomic.LongAdder());
            assertThat(warm)
                    .as(n.name)
                    .isEqualTo(cold.batch(
                            own,
                            request(),
                            shared.startedAt(),
                            new java.util.concurrent.atomic.LongAdder(),
                            new java.util.concurrent.atomic.LongAdder()));
            assertThat(warm).as(n.name).anyMatch(o -> o.signal() != null);
        }
        assertThat(a.rebuilds.get() + b.rebuilds.get()).isZero();
        assertThat(a.pool.size()).isEqualTo(2 * share.get("node-a").size());
    }

    @Test
    void shareBecomesEmpty_instanceReleasesItsWarmSeries_otherInstanceRunsTheRest() {
        Node a = warmAlone();

        Node b = node("node-b");
        b.scheduler.start();
        await(() -> liveNames(a.db).contains("node-b"), "node-b announced");
        Map<String, List<String>> share = SymbolAssignment.assign(universe(a.db), List.of("node-a", "node-b"));
        // node-a's symbols leave the universe: node-a has no share of the next run, so no batch of its own
        setStatus(a.db, share.get("node-a"), "inactive");
        try {
            RunRecord run = a.scheduler.runOnce(Duration.ofSeconds(60)).orElseThrow();

            assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(run.processed()).isEqualTo(share.get("node-b").size());
            assertThat(batchesRanBy(a.db, run.id())).containsOnlyKeys("node-b");
            await(() -> a.pool.size() == 0, "node-a releasing its warm series");
            assertThat(a.pool.bars()).isZero();
            assertThat(b.pool.size()).isEqualTo(2 * share.get("node-b").size());
        } finally {
            setStatus(a.db, share.get("node-a"), "active");
        }
    }

    @Test
    void symbolsLeaveTheUniverse_sameInstances_theirWarmSeriesAreDroppedAtTheNextRun() {
        Node a = warmAlone();
        List<String> leaving = universe(a.db).subList(0, 3);
        setStatus(a.db, leaving, "inactive");
        try {
            RunRecord run = a.scheduler.runOnce(Duration.ofSeconds(60)).orElseThrow();

            assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(run.processed()).isEqualTo(SYMBOLS - 3);
            assertThat(a.pool.size()).isEqualTo(2 * (SYMBOLS - 3));
        } finally {
            setStatus(a.db, leaving, "active");
        }
    }

    /** The seeded universe run once by node-a alone: every series warm there. */
    private Node warmAlone() {
        seed();
        Node a = node("node-a");
        a.scheduler.start();
        assertThat(a.scheduler.runOnce(Duration.ofSeconds(60)).orElseThrow().status())
                .isEqualTo(RunStatus.SUCCESS);
        assertThat(a.pool.size()).isEqualTo(2 * SYMBOLS);
        return a;
    }

    private static void setStatus(Database db, List<String> tickers, String status) {
        db.update("t", "UPDATE symbols SET status = ? WHERE ticker = ANY (?)", ps -> {
            ps.setString(1, status);
            ps.setArray(2, ps.getConnection().createArrayOf("text", tickers.toArray()));
        });
    }

    private static CycleRequest request() {
        return new CycleRequest(null, Timeframe.H4, Timeframe.H1, 60, Duration.ofDays(3650));
    }

    private static List<String> liveNames(Database db) {
        return db.query(
                "t",
                "SELECT name FROM scheduler_instances WHERE last_seen >= now() - interval '1 second'",
                SqlSession.Binder.NONE,
                rs -> rs.getString(1));
    }

    private static List<String> universe(Database db) {
        return db.query(
                "t",
                "SELECT ticker FROM symbols WHERE deleted_at IS NULL AND status = 'active' ORDER BY ticker",
                SqlSession.Binder.NONE,
                rs -> rs.getString(1));
    }

    private static long batches(List<String> symbols) {
        return (symbols.size() + BATCH - 1) / BATCH;
    }

    private static Map<String, Long> batchesRanBy(Database db, long run) {
        Map<String, Long> out = new java.util.TreeMap<>();
        db.query(
                "t",
                "SELECT instance, count(*) FROM cycle_batch_results WHERE run_id = ? GROUP BY 1",
                ps -> ps.setLong(1, run),
                rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    private static void await(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
