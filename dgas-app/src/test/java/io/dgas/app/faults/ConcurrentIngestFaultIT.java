package io.dgas.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.Database;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.ingest.IngestProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent overlapping bars loads, 20 rounds each of two and of four writers, every writer's file holding the same
 * shared symbols in a random order (some files shuffled row by row) plus a symbol of its own, every round new values.
 * The first round meets on empty keys (the direct COPY path), the others on stored ones (the upsert). No deadlock may
 * reach a caller; after each round the rows are the union, and every shared row carries the values of the writer
 * that committed last (commit timestamps of the rows' transactions tell which).
 */
class ConcurrentIngestFaultIT {
    static final int ROUNDS = 20;
    static final int SHARED = 6;
    static final int BARS = 300;
    static final int OWN = 20;

    @TempDir
    static Path dir;

    static KillablePostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = KillablePostgres.start(dir.resolve("pgdata"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void twoWriters_twentyRoundsInRandomOrders_noDeadlockReportedAndLastCommittedWriterWins() throws Exception {
        rounds(2, "CW");
    }

    @Test
    void fourWriters_twentyRoundsInRandomOrders_noDeadlockReportedAndLastCommittedWriterWins() throws Exception {
        rounds(4, "CQ");
    }

    private void rounds(int writers, String prefix) throws Exception {
        String url = pg.createDatabase(prefix.toLowerCase(Locale.ROOT));
        BarsFile.migrate(url);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        AtomicInteger retried = new AtomicInteger();
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        IngestOptions opts = IngestOptions.defaults().withCreateSymbols(true).withProgress(new IngestProgress() {
            @Override
            public void rowsRead(String source, long rows) {}

            @Override
            public void retrying(String source, String reason, int attempt, int attempts, Duration delay) {
                retried.incrementAndGet();
            }
        });
        long start = System.nanoTime();
        int lastWins = 0;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try (Database db = BarsFile.open(url)) {
            BarIngestor ingestor = new BarIngestor(db, IngestListener.NONE);
            for (int round = 1; round <= ROUNDS; round++) {
                List<Path> files = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    files.add(writerFile(prefix, w, round, random));
                }
                CyclicBarrier go = new CyclicBarrier(writers);
                List<Future<?>> runs = new ArrayList<>();
                for (Path f : files) {
                    runs.add(pool.submit(() -> {
                        go.await();
                        return ingestor.ingest(f, opts);
                    }));
                }
                for (Future<?> r : runs) {
                    try {
                        r.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        reported.add(e.getCause());
                    }
                }
                assertThat(reported)
                        .as("errors reported to a caller, round %d (seed %d)", round, seed)
                        .isEmpty();
                lastWins += checkRound(db, prefix, writers, round);
            }
        } finally {
            pool.shutdownNow();
        }
        long rows = BarsFile.stored(url).rows();
        assertThat(rows).isEqualTo((long) SHARED * BARS + (long) writers * OWN);
        System.out.println(String.format(
                Locale.ROOT,
                "FAULT %d concurrent overlapping ingests x %d rounds (random orders, seed %d): errors reported %d,"
                        + " deadlocks retried %d, rows expected %d found %d, last committed writer's values in %d of"
                        + " %d rounds, %.1f s",
                writers,
                ROUNDS,
                seed,
                reported.size(),
                retried.get(),
                (long) SHARED * BARS + (long) writers * OWN,
                rows,
                lastWins,
                ROUNDS,
                (System.nanoTime() - start) / 1e9));
    }

    static int value(int writer, int round) {
        return 100 + round * 10 + writer;
    }

    /** Writer {@code w}'s file: the shared symbols in a random order, its own symbol, now and then shuffled rows. */
    private Path writerFile(String prefix, int w, int round, Random random) throws Exception {
        List<String> tickers = new ArrayList<>();
        for (int s = 0; s < SHARED; s++) {
            tickers.add(prefix + "S" + s);
        }
        Collections.shuffle(tickers, random);
        tickers.add(random.nextInt(tickers.size() + 1), prefix + "P" + w);
        int v = value(w, round);
        List<String> lines = new ArrayList<>();
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        for (String t : tickers) {
            int n = t.contains("P") ? OWN : BARS;
            for (int i = 0; i < n; i++) {
                lines.add(t0.plusSeconds(3600L * i) + "," + t + ",1h," + v + "," + (v + 1) + "," + (v - 1) + "," + v
                        + ",1");
            }
        }
        if (random.nextInt(4) == 0) {
            Collections.shuffle(lines, random);
        }
        lines.add(0, "timestamp,symbol,interval,open,high,low,close,volume");
        return Files.write(dir.resolve(prefix + "-w" + w + "-r" + round + ".csv"), lines);
    }

    /**
     * Checks a round: each writer's own rows hold its values from one transaction; the shared rows hold the values of
     * the writer whose transaction committed last, all written by that transaction. Returns 1.
     */
    private int checkRound(Database db, String prefix, int writers, int round) {
        record Written(String ticker, long close, String xid, Instant committed) {}
        List<Written> rows = db.query(
                "fault.written",
                "SELECT DISTINCT y.ticker, b.close::bigint, b.xmin::text, pg_xact_commit_timestamp(b.xmin)"
                        + " FROM bars b JOIN symbols y ON y.id = b.symbol_id WHERE y.ticker LIKE ?",
                ps -> ps.setString(1, prefix + "%"),
                rs -> new Written(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()));
        Written last = null;
        for (int w = 0; w < writers; w++) {
            String own = prefix + "P" + w;
            List<Written> mine =
                    rows.stream().filter(r -> r.ticker().equals(own)).toList();
            assertThat(mine).as("round %d, writer %d's own rows", round, w).hasSize(1);
            assertThat(mine.get(0).close()).isEqualTo(value(w, round));
            if (last == null || mine.get(0).committed().isAfter(last.committed())) {
                last = mine.get(0);
            }
        }
        Written winner = last;
        List<Written> shared =
                rows.stream().filter(r -> r.ticker().contains("S")).toList();
        assertThat(shared)
                .as("round %d: every shared row written by the last committed writer (%s)", round, winner)
                .allSatisfy(r -> {
                    assertThat(r.xid()).isEqualTo(winner.xid());
                    assertThat(r.close()).isEqualTo(winner.close());
                })
                .hasSize(SHARED);
        return 1;
    }
}
