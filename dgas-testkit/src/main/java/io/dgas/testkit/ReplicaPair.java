package io.dgas.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;

/**
 * A primary and one streaming hot-standby replica of it, both real embedded PostgreSQL servers (zonky's binaries) on
 * loopback ports, for tests of read routing, lag and fail-over. Each test class starts its own pair and closes it.
 *
 * <p>Design notes: zonky does not bundle {@code pg_basebackup}, so the replica is made by PostgreSQL's low-level
 * backup API, as its manual describes ("Making a Base Backup Using the Low Level API"): a physical replication slot
 * keeps the primary's WAL from before the copy, {@code pg_backup_start} opens the backup on one session, the data
 * directory is copied file by file (the server's own pid, lock and WAL files left out), {@code pg_backup_stop} gives
 * the {@code backup_label} the copy must carry, and {@code standby.signal} plus {@code primary_conninfo} make the copy
 * start as a standby that streams from the slot. The primary runs without fsync (a test server), but with full-page
 * writes, which a base backup needs (PostgreSQL forces them during the backup anyway).
 */
public final class ReplicaPair implements AutoCloseable {
    private static final String SLOT = "dgas_test_replica";
    /** Files of the primary's directory a copy must not carry (its process's, or zonky's lock). */
    private static final Set<String> SKIPPED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

    private final EmbeddedPostgres primary;
    private final Path replicaDir;
    private final int replicaPort;
    private EmbeddedPostgres replica;

    private ReplicaPair(EmbeddedPostgres primary, Path replicaDir, int replicaPort) {
        this.primary = primary;
        this.replicaDir = replicaDir;
        this.replicaPort = replicaPort;
    }

    /** Starts a primary, copies it into a standby and starts that; returns once the standby streams. */
    public static ReplicaPair start() {
        EmbeddedPostgres primary = null;
        try {
            primary = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("max_connections", "100")
                    .start();
            Path dir = Files.createTempDirectory("dgas-replica-");
            ReplicaPair pair = new ReplicaPair(primary, dir, freePort());
            pair.copyPrimary();
            pair.startReplica();
            pair.awaitStreaming(Duration.ofSeconds(60));
            return pair;
        } catch (IOException | SQLException e) {
            closeQuietly(primary);
            throw new IllegalStateException("could not start a primary and replica pair: " + e.getMessage(), e);
        }
    }

    /** JDBC URL of {@code database} on the primary. */
    public String primaryUrl(String database) {
        return primary.getJdbcUrl("postgres", database);
    }

    /** JDBC URL of {@code database} on the replica. */
    public String replicaUrl(String database) {
        return "jdbc:postgresql://localhost:" + replicaPort + "/" + database + "?user=postgres";
    }

    /** Stops the replica's server (a fast shutdown): it refuses connections until {@link #startReplica}. */
    public synchronized void stopReplica() {
        closeQuietly(replica);
        replica = null;
    }

    /** Starts the replica's server again on its port, from its own directory: it resumes streaming. */
    public synchronized void startReplica() throws IOException {
        if (replica == null) {
            replica = EmbeddedPostgres.builder()
                    .setDataDirectory(replicaDir)
                    .setCleanDataDirectory(false)
                    .setPort(replicaPort)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("max_connections", "100")
                    .start();
        }
    }

    /** Pauses WAL replay on the replica: it stays up and answers, but falls behind every write from now on. */
    public void pauseReplay() throws SQLException {
        onReplica("SELECT pg_wal_replay_pause()");
    }

    /** Resumes WAL replay on the replica. */
    public void resumeReplay() throws SQLException {
        onReplica("SELECT pg_wal_replay_resume()");
    }

    /** Waits until the replica has replayed everything the primary has written so far. */
    public void awaitCaughtUp(Duration max) throws SQLException {
        String target = scalar(primaryUrl("postgres"), "SELECT pg_current_wal_insert_lsn()::text");
        long deadline = System.nanoTime() + max.toNanos();
        String sql = "SELECT pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn";
        while (!"t".equals(scalar(replicaUrl("postgres"), sql))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("replica did not replay up to " + target + " within " + max);
            }
            pause();
        }
    }

    private void onReplica(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(replicaUrl("postgres"));
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private void awaitStreaming(Duration max) throws SQLException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!"streaming"
                .equals(scalar(primaryUrl("postgres"), "SELECT coalesce(max(state), '') FROM pg_stat_replication"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replica did not start streaming within " + max);
            }
            pause();
        }
    }

    /** Between polls of a condition with a deadline. */
    private static void pause() {
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
    }

    private void copyPrimary() throws IOException, SQLException {
        Path source = Path.of(scalar(primaryUrl("postgres"), "SHOW data_directory"));
        try (Connection c = DriverManager.getConnection(primaryUrl("postgres"));
                Statement st = c.createStatement()) {
            st.execute("SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
            // the backup is bound to this session: it must stay open from start to stop
            st.execute("SELECT pg_backup_start('dgas test replica', true)");
            copyTree(source, replicaDir);
            try (ResultSet rs = st.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)")) {
                rs.next();
                Files.writeString(replicaDir.resolve("backup_label"), rs.getString(1), StandardCharsets.UTF_8);
                String map = rs.getString(2);
                if (map != null && !map.isEmpty()) {
                    Files.writeString(replicaDir.resolve("tablespace_map"), map, StandardCharsets.UTF_8);
                }
            }
        }
        Files.createFile(replicaDir.resolve("standby.signal"));
        Files.writeString(
                replicaDir.resolve("postgresql.auto.conf"),
                "\nprimary_conninfo = 'host=localhost port=" + primary.getPort() + " user=postgres'\n"
                        + "primary_slot_name = '" + SLOT + "'\nhot_standby = on\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }

    /** Copies the data directory, leaving out the server's own files and the WAL (streamed from the slot instead). */
    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                String name = dir.getFileName().toString();
                // WAL, replication slots and temporary state are the primary's own: the copy starts with them empty
                return !dir.equals(from)
                                && Set.of("pg_wal", "pg_replslot", "pg_stat_tmp")
                                        .contains(name)
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!SKIPPED.contains(file.getFileName().toString())) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                // a file the server removed while it was being copied: the WAL replay recreates what matters
                if (e instanceof java.nio.file.NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        Files.createDirectories(to.resolve("pg_wal").resolve("archive_status"));
    }

    /** The first column of the first row {@code sql} gives on the server of {@code url}, as text. */
    public static String scalar(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not stop an embedded server", e);
            }
        }
    }

    @Override
    public void close() {
        stopReplica();
        closeQuietly(primary);
        deleteTree(replicaDir);
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: what is left is the OS's to clean
        }
    }
}
