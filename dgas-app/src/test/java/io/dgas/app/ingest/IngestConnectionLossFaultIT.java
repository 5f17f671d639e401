package io.dgas.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.cli.DgasCommand;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, defect 9: a database that dies mid-load (SIGKILL of the postmaster and every backend while dgas COPYs a
 * large file) is reported in one line: the server went away, during which file and stage, nothing of it committed;
 * exit 3, no stack trace. After a restart the store holds no row of the file.
 */
class IngestConnectionLossFaultIT {
    static final int ROWS = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void ingestBars_postgresKilledDuringCopy_oneLineSayingNothingCommitted() throws Exception {
        try (KillablePostgres pg = KillablePostgres.start(dir.resolve("pg"))) {
            Map<String, String> env =
                    Map.of("DGAS_HOME", dir.resolve("home").toString(), "DGAS_DATABASE_URL", pg.jdbcUrl());
            StringWriter migrateErr = new StringWriter();
            int migrated = DgasCommand.run(
                    new String[] {"db", "migrate"},
                    env,
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(migrateErr));
            assertThat(migrated).as(migrateErr.toString()).isZero();
            Path big = bigFile(dir.resolve("big.csv"));

            long t0 = System.nanoTime();
            DgasProcess dgas = DgasProcess.start(
                    dir, env, List.of("-Xmx256m"), "ingest", "bars", big.toString(), "--create-symbols");
            boolean copying = awaitCopy(pg.jdbcUrl(), dgas);
            int killed = pg.kill9();
            DgasProcess.Result r = dgas.await(60);
            long millis = (System.nanoTime() - t0) / 1_000_000;

            assertThat(copying)
                    .as("dgas reached the COPY before the kill; stderr: " + r.err())
                    .isTrue();
            assertThat(r.code()).as(r.err()).isEqualTo(3);
            List<String> errLines = r.err().lines().filter(l -> !l.isBlank()).toList();
            assertThat(errLines.get(0))
                    .startsWith("error: the database server went away while loading big.csv (stage copy, at line ")
                    .endsWith("nothing of big.csv was committed; re-run the same command when it is back (ingest is"
                            + " idempotent)");
            assertThat(r.err())
                    .doesNotContain("\tat ")
                    .doesNotContain("Exception")
                    .doesNotContain("HikariPool");
            assertThat(errLines).as(r.err()).hasSizeLessThanOrEqualTo(2);

            pg.restart();
            assertThat(count(pg.jdbcUrl())).as("rows of big.csv after restart").isZero();
            System.out.printf(
                    "FAULT ingest-connection-loss: %d-row file, postgres killed (%d processes) during COPY,"
                            + " dgas exit %d after %d ms, %d lines on stderr, rows after restart 0: %s%n",
                    ROWS, killed, r.code(), millis, errLines.size(), errLines.get(0));
        }
    }

    private static Path bigFile(Path f) throws Exception {
        long start = Instant.parse("2001-01-01T00:00:00Z").getEpochSecond();
        try (BufferedWriter w = Files.newBufferedWriter(f)) {
            w.write("timestamp,symbol,interval,open,high,low,close,volume\n");
            for (int i = 0; i < ROWS; i++) {
                w.write(Instant.ofEpochSecond(start + 60L * i) + ",BIG,1m,100,101,99,100.5,10\n");
            }
        }
        return f;
    }

    /** Polls (deadline 60 s) until a backend runs a COPY; false when dgas exits first or the deadline passes. */
    private static boolean awaitCopy(String url, DgasProcess dgas) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            while (System.nanoTime() < deadline && dgas.isAlive()) {
                try (ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE query ILIKE '%COPY %' AND state = 'active'"
                                + " AND pid <> pg_backend_pid()")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return true;
                    }
                }
                Thread.onSpinWait();
            }
        }
        return false;
    }

    private static long count(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM bars")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
