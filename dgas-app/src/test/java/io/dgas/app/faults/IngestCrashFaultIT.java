package io.dgas.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes during a 1M-row bars ingest through the real CLI ({@code java -jar dgas.jar}): PostgreSQL killed with
 * SIGKILL and restarted, and the dgas process killed with SIGKILL during its COPY and during its upsert. After each,
 * a re-run must leave exactly the file's rows (count and checksum, no duplicates), and after a killed dgas the re-run
 * must not stall on the dead session's locks (within 2× a clean run).
 */
@TestMethodOrder(OrderAnnotation.class)
class IngestCrashFaultIT {
    static final int SYMBOLS = 50;
    static final int BARS = 20_000;
    /** Bars per symbol of the changed file: a quarter of the stored rows go through the upsert, to keep it short. */
    static final int CHANGED_BARS = 5_000;

    static final Duration RUN_LIMIT = Duration.ofMinutes(3);

    @TempDir
    static Path dir;

    static KillablePostgres pg;
    static BarsFile original;
    static BarsFile changed;
    /** Seconds of a clean run of the original file into an empty database (test 1's re-run). */
    static double cleanCopySeconds;

    @BeforeAll
    static void start() throws Exception {
        pg = KillablePostgres.start(dir.resolve("pgdata"));
        original = BarsFile.write(dir.resolve("bars.csv"), "F", SYMBOLS, BARS, 0);
        changed = BarsFile.write(dir.resolve("bars-changed.csv"), "F", SYMBOLS, CHANGED_BARS, 3);
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    static String database(String name) throws SQLException {
        String url = pg.createDatabase(name);
        BarsFile.migrate(url);
        return url;
    }

    static DgasProcess ingest(String url, BarsFile file) throws Exception {
        return DgasProcess.start(
                dir, Map.of(), "--db-url", url, "ingest", "bars", file.path().toString(), "--create-symbols");
    }

    /** Runs an ingest to its end, failing on a non-zero exit; returns its seconds. */
    static double run(String url, BarsFile file) throws Exception {
        DgasProcess p = ingest(url, file);
        int exit = p.waitFor(RUN_LIMIT);
        assertThat(exit).as("exit of %s; stderr: %s", file.path(), p.stderr()).isZero();
        return p.seconds();
    }

    /**
     * Polls until the child's backend runs statement {@code name} (the name comment dgas puts in its SQL) with at
     * least {@code copied} rows through COPY and for at least {@code running}.
     */
    static void awaitPhase(DgasProcess child, String name, long copied, Duration running) throws Exception {
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        try (Connection c = DriverManager.getConnection(pg.url("postgres"));
                PreparedStatement ps = c.prepareStatement("SELECT coalesce(p.tuples_processed, 0),"
                        + " extract(epoch FROM clock_timestamp() - a.query_start) FROM pg_stat_activity a"
                        + " LEFT JOIN pg_stat_progress_copy p ON p.pid = a.pid WHERE a.application_name = ?"
                        + " AND a.state = 'active' AND a.query LIKE ?")) {
            ps.setString(1, "dgas pid " + child.pid());
            ps.setString(2, "/* dgas:" + name + "%");
            while (System.nanoTime() < deadline) {
                if (!child.isAlive()) {
                    throw new IllegalStateException("dgas ended before " + name + ": " + child.stderr());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getLong(1) >= copied && rs.getDouble(2) >= running.toMillis() / 1000.0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("dgas never reached " + name + ": " + child.stderr());
    }

    static void assertExactly(String url, BarsFile file) {
        BarsFile.Stored s = BarsFile.stored(url);
        assertThat(s.rows()).as("rows").isEqualTo(file.rows());
        assertThat(s.duplicates()).as("duplicate keys").isZero();
        assertThat(s.closeCents()).as("close checksum").isEqualTo(file.closeCents());
    }

    static void summary(String text, Object... args) {
        System.out.println("FAULT " + String.format(Locale.ROOT, text, args));
    }

    @Test
    @Order(1)
    void postgresKilledDuringIngest_restartAndRerun_rowsExactNoDuplicates() throws Exception {
        String url = database("crash_pg");
        DgasProcess child = ingest(url, original);
        awaitPhase(child, "ingest.bars.copy", 300_000, Duration.ZERO);

        int killed = pg.killNine();
        int exit = child.waitFor(RUN_LIMIT);
        pg.restart();
        BarsFile.Stored afterCrash = BarsFile.stored(url);
        double rerun = run(url, original);
        cleanCopySeconds = rerun; // a clean run: the crash left nothing behind (afterCrash, asserted below)

        // the user is told in one line what happened, where, and that nothing was committed (exit 3: database);
        // a slow-statement warning of the failed COPY may precede it, a stack trace never
        String err = child.stderr();
        List<String> errors = err.lines().filter(l -> l.startsWith("error: ")).toList();
        assertThat(exit).as("the interrupted ingest; stderr: %s", err).isEqualTo(3);
        assertThat(errors).as(err).hasSize(1);
        assertThat(errors.get(0))
                .startsWith("error: the database server went away while loading bars.csv (stage copy")
                .contains(", at line ")
                .endsWith("nothing of bars.csv was committed; re-run the same command when it is back (ingest is"
                        + " idempotent)");
        assertThat(err).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("HikariPool");
        assertThat(afterCrash.rows())
                .as("nothing of the interrupted ingest committed")
                .isZero();
        assertExactly(url, original);
        summary(
                "kill -9 PostgreSQL mid-COPY (%d processes), restart, re-run: rows expected %d found %d,"
                        + " duplicates 0, rows after crash %d, re-run %.1f s, interrupted dgas exit %d",
                killed, original.rows(), BarsFile.stored(url).rows(), afterCrash.rows(), rerun, exit);
    }

    @Test
    @Order(2)
    void dgasKilledDuringCopy_rerunAtOnce_rowsExactWithinTwiceACleanRun() throws Exception {
        String url = database("killed");
        DgasProcess child = ingest(url, original);
        awaitPhase(child, "ingest.bars.copy", 300_000, Duration.ZERO);

        child.killNine();
        DgasProcess rerun = ingest(url, original);
        int exit = rerun.waitFor(RUN_LIMIT);

        assertThat(exit).as("re-run; stderr: %s", rerun.stderr()).isZero();
        assertExactly(url, original);
        assertThat(rerun.seconds()).as("re-run seconds").isLessThanOrEqualTo(2 * cleanCopySeconds);
        summary(
                "kill -9 dgas mid-COPY, re-run at once: rows expected %d found %d, duplicates 0,"
                        + " clean run %.1f s, re-run %.1f s",
                original.rows(), BarsFile.stored(url).rows(), cleanCopySeconds, rerun.seconds());
    }

    @Test
    @Order(3)
    void dgasKilledDuringUpsert_rerunAtOnce_rowsExactWithinTwiceACleanRun() throws Exception {
        // both databases hold the original file (tests 1 and 2): the changed file takes the upsert path
        double cleanUpsert = run(pg.url("crash_pg"), changed);
        String url = pg.url("killed");
        DgasProcess child = ingest(url, changed);
        awaitPhase(child, "ingest.bars.upsert", 0, Duration.ofMillis(500));

        child.killNine();
        DgasProcess rerun = ingest(url, changed);
        int exit = rerun.waitFor(RUN_LIMIT);

        assertThat(exit).as("re-run; stderr: %s", rerun.stderr()).isZero();
        BarsFile.Stored stored = BarsFile.stored(url);
        assertThat(stored.rows()).as("rows").isEqualTo(original.rows());
        assertThat(stored.duplicates()).as("duplicate keys").isZero();
        assertThat(stored.closeCents())
                .as("close checksum: the changed bars replaced, the others kept")
                .isEqualTo(original.closeCents()
                        - BarsFile.expectedCents(SYMBOLS, CHANGED_BARS, 0)
                        + changed.closeCents());
        assertThat(rerun.seconds()).as("re-run seconds").isLessThanOrEqualTo(2 * cleanUpsert);
        long waits = rerun.stderr()
                .lines()
                .filter(l -> l.contains("waiting for a lock"))
                .count();
        summary(
                "kill -9 dgas mid-upsert of %d changed rows, re-run at once: rows expected %d found %d,"
                        + " duplicates 0, clean run %.1f s, re-run %.1f s, lock-wait lines %d",
                changed.rows(), original.rows(), stored.rows(), cleanUpsert, rerun.seconds(), waits);
    }
}
