package io.dgas.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.SqlSession;
import io.dgas.store.StatementObserver;
import io.dgas.testkit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Loads beside other writers: overlapping loads in opposite orders, a lock held by another session. */
class IngestConcurrencyIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static final String HEADER = "timestamp,symbol,interval,open,high,low,close,volume\n";
    static final int SHARED_ROWS = 4000;

    static Database db;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** {@code n} hourly bars of {@code ticker} from 2024-01-01, every price {@code close} (high +1, low -1). */
    static String bars(String ticker, int n, double close) {
        StringBuilder sb = new StringBuilder();
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            sb.append(t.plusSeconds(3600L * i))
                    .append(',')
                    .append(ticker)
                    .append(",1h,")
                    .append(String.format(Locale.ROOT, "%s,%s,%s,%s,1%n", close, close + 1, close - 1, close));
        }
        return sb.toString();
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    /** Writer w's file: both shared symbols (writer 1 in order A, B; writer 2 in order B, A) and a symbol of its own. */
    private Path writerFile(int w, int round, double close) throws Exception {
        String a = bars("DLKA", SHARED_ROWS, close);
        String b = bars("DLKB", SHARED_ROWS, close);
        String own = bars("DLKP" + w, 5, close);
        return file("w" + w + "r" + round + ".csv", HEADER + (w == 1 ? a + b : b + a) + own);
    }

    @Test
    void ingest_overlappingLoadsInOppositeOrder_noErrorAndOneWritersValuesEntirely() throws Exception {
        BarIngestor ingestor = new BarIngestor(db, IngestListener.NONE);
        IngestOptions opts = IngestOptions.defaults().withCreateSymbols(true);
        ingestor.ingest(writerFile(1, 0, 10), opts);
        ingestor.ingest(writerFile(2, 0, 10), opts);
        List<String> retries = new CopyOnWriteArrayList<>();
        IngestOptions watched = opts.withProgress(new IngestProgress() {
            @Override
            public void rowsRead(String source, long rows) {}

            @Override
            public void retrying(String source, String reason, int attempt, int attempts, Duration delay) {
                retries.add(source + " " + reason + " " + attempt);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 3; round++) {
                int v1 = 100 + round * 10 + 1;
                int v2 = 100 + round * 10 + 2;
                Path f1 = writerFile(1, round, v1);
                Path f2 = writerFile(2, round, v2);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<IngestReport> r1 = pool.submit(() -> {
                    start.await();
                    return ingestor.ingest(f1, watched);
                });
                Future<IngestReport> r2 = pool.submit(() -> {
                    start.await();
                    return ingestor.ingest(f2, watched);
                });

                assertThat(r1.get().updated()).as("round %d, writer 1", round).isEqualTo(2 * SHARED_ROWS + 5);
                assertThat(r2.get().updated()).as("round %d, writer 2", round).isEqualTo(2 * SHARED_ROWS + 5);
                List<String> shared =
                        distinct("SELECT DISTINCT b.close::bigint || ' ' || b.xmin FROM bars b JOIN symbols y"
                                + " ON y.id = b.symbol_id WHERE y.ticker IN ('DLKA', 'DLKB')");
                assertThat(shared).as("one value, one writing transaction").hasSize(1);
                String winner = shared.get(0).startsWith(v1 + " ") ? "DLKP1" : "DLKP2";
                int winning = winner.equals("DLKP1") ? v1 : v2;
                assertThat(shared.get(0)).startsWith(winning + " ");
                assertThat(distinct("SELECT DISTINCT b.close::bigint || ' ' || b.xmin FROM bars b JOIN symbols y"
                                + " ON y.id = b.symbol_id WHERE y.ticker = '" + winner + "'"))
                        .as("the shared rows were written by the same transaction as the winner's own rows")
                        .containsExactlyElementsOf(shared);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Counts.of(db).bars()).isEqualTo(2 * SHARED_ROWS + 10);
        System.out.println("overlapping loads, 3 rounds: 0 errors, deadlock retries " + retries.size() + " " + retries);
    }

    @Test
    void ingest_fourFirstLoadsOfTheSameNewSeriesInOppositeOrders_noDeadlockToRetry() throws Exception {
        BarIngestor ingestor = new BarIngestor(db, IngestListener.NONE);
        List<String> retries = new CopyOnWriteArrayList<>();
        IngestOptions opts = IngestOptions.defaults().withCreateSymbols(true).withProgress(new IngestProgress() {
            @Override
            public void rowsRead(String source, long rows) {}

            @Override
            public void retrying(String source, String reason, int attempt, int attempts, Duration delay) {
                retries.add(source + " " + reason + " " + attempt);
            }
        });
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 1; round <= 5; round++) {
                // new series each round: every writer finds no stored row and may load directly
                String a = bars("FRA" + round, 2000, 10);
                String b = bars("FRB" + round, 2000, 10);
                CyclicBarrier start = new CyclicBarrier(writers);
                List<Future<IngestReport>> runs = new java.util.ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    Path f = file("fresh" + w + "r" + round + ".csv", HEADER + (w % 2 == 0 ? a + b : b + a));
                    runs.add(pool.submit(() -> {
                        start.await();
                        return ingestor.ingest(f, opts);
                    }));
                }
                for (Future<IngestReport> r : runs) {
                    assertThat(r.get().rowsRead()).isEqualTo(4000);
                }
            }
        } finally {
            pool.shutdownNow();
            // the class's database is shared: the other tests count every bar
            db.update(
                    "test.cleanup",
                    "DELETE FROM bars WHERE symbol_id IN (SELECT id FROM symbols WHERE ticker LIKE 'FR_%')",
                    SqlSession.Binder.NONE);
        }
        // the first load of a series is direct; the others wait for it, then see its rows and update them in order
        assertThat(retries).isEmpty();
    }

    private List<String> distinct(String sql) {
        return db.query("test.distinct", sql, SqlSession.Binder.NONE, rs -> rs.getString(1));
    }

    @Test
    @Timeout(60) // without a lock timeout the load would wait for ever
    void ingest_rowLockedByAnotherSession_failsNamingTheBlockerAndShowsTheWait() throws Exception {
        BarIngestor ingestor = new BarIngestor(db, IngestListener.NONE);
        IngestOptions opts = IngestOptions.defaults().withCreateSymbols(true);
        ingestor.ingest(file("lk0.csv", HEADER + bars("LKH", 10, 5)), opts);
        List<LockWait> waits = new CopyOnWriteArrayList<>();
        IngestOptions watched = opts.withProgress(new IngestProgress() {
            @Override
            public void rowsRead(String source, long rows) {}

            @Override
            public void lockWait(String source, LockWait wait) {
                waits.add(wait);
            }
        });
        try (Connection blocker = PG.connect();
                Statement st = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            long pid;
            try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getLong(1);
            }
            st.execute("SELECT 1 FROM bars b JOIN symbols y ON y.id = b.symbol_id WHERE y.ticker = 'LKH'"
                    + " AND b.ts = '2024-01-01T09:00:00Z' FOR UPDATE");

            assertThatThrownBy(() -> ingestor.withLockTimeout(Duration.ofSeconds(2))
                            .ingest(file("lk1.csv", HEADER + bars("LKH", 10, 6)), watched))
                    .isInstanceOf(UnableToIngestException.class)
                    .hasMessageContaining("lk1.csv: gave up after waiting 2 s for a lock held by pid " + pid + " (")
                    .hasMessageContaining("idle in transaction")
                    .hasMessageContaining("nothing was committed")
                    .hasMessageContaining("pg_terminate_backend(" + pid + ")");
            blocker.rollback();
            assertThat(waits).as("the wait was shown while it lasted").isNotEmpty();
            assertThat(waits).allSatisfy(w -> assertThat(w.holder().pid()).isEqualTo(pid));
            assertThat(waits.get(0).describe()).startsWith("waiting for a lock held by pid " + pid + " (");
        }
        assertThat(distinct("SELECT DISTINCT b.close::text FROM bars b JOIN symbols y ON y.id = b.symbol_id"
                        + " WHERE y.ticker = 'LKH'"))
                .as("nothing of the failed load was written")
                .containsExactly("5");
    }
}
