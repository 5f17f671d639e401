package io.dgas.app.ingest;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A PostgreSQL server of a fault test's own on a loopback port, over a data directory it knows, so it can be killed
 * with SIGKILL (postmaster and every backend, by their PIDs) and started again over the same data.
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
        // never cleaned by zonky: close() would delete the data a restart needs; the test's temp dir goes instead
        k.pg = builder(dataDir, 0).setCleanDataDirectory(false).start();
        k.port = k.pg.getPort();
        return k;
    }

    private static EmbeddedPostgres.Builder builder(Path dataDir, int port) {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setServerConfig("fsync", "off")
                .setServerConfig("listen_addresses", "127.0.0.1");
        return port == 0 ? b : b.setPort(port);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    /** SIGKILL of the postmaster and all its children; returns how many processes were killed. */
    int kill9() throws IOException {
        long pid = Long.parseLong(
                Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> all =
                new java.util.ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        }
        return all.size();
    }

    /** Starts the server again over the same data directory and port (crash recovery runs). */
    void restart() throws IOException {
        try {
            pg.close(); // its stop fails (the server is dead) but it releases the data directory's lock
        } catch (IOException | RuntimeException expected) {
            // nothing to stop
        }
        Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
        pg = builder(dataDir, port).setCleanDataDirectory(false).start();
    }

    @Override
    public void close() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    static Duration timeout() {
        return Duration.ofSeconds(90);
    }
}
