package io.dgas.app.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL of a fault test's own, on a data directory the test owns, so it can be killed with SIGKILL
 * (postmaster and every backend) and started again on the same data, as after a crash.
 *
 * <p>Settings: {@code client_connection_check_interval = 1s} (a backend whose client died notices it within a second
 * even mid-statement, and drops its locks) and {@code track_commit_timestamp = on} (tests tell which writer committed
 * last).
 */
final class KillablePostgres implements AutoCloseable {
    private final Path dataDir;
    private EmbeddedPostgres pg;
    private int port;

    private KillablePostgres(Path dataDir) {
        this.dataDir = dataDir;
    }

    static KillablePostgres start(Path dataDir) throws IOException {
        KillablePostgres k = new KillablePostgres(dataDir);
        k.startServer(0);
        return k;
    }

    private void startServer(int fixedPort) throws IOException {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("client_connection_check_interval", "1s")
                .setServerConfig("track_commit_timestamp", "on")
                .setServerConfig("max_connections", "100");
        if (fixedPort > 0) {
            b.setPort(fixedPort);
        }
        pg = b.start();
        port = pg.getPort();
    }

    /** A new database on this server with the dgas schema, and its JDBC URL. */
    String createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"));
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /** The postmaster's pid: the first line of {@code postmaster.pid}. */
    long postmasterPid() throws IOException {
        return Long.parseLong(
                Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    }

    /**
     * SIGKILL to the postmaster and all its processes at once, as a machine's OOM killer or an operator's {@code kill
     * -9} would; returns how many processes were killed once all are gone.
     */
    int killNine() throws IOException {
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid()).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (all.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL processes still alive 30 s after SIGKILL");
            }
            Thread.onSpinWait();
        }
        return all.size();
    }

    /** Starts the server again on the same data directory and port (crash recovery runs first). */
    void restart() throws IOException {
        pg.close(); // stop fails (nothing runs) but the directory lock is released
        startServer(port);
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
