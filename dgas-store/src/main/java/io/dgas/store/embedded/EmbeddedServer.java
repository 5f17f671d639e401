package io.dgas.store.embedded;

import io.dgas.DgasException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The zero-setup default database: real PostgreSQL binaries (from Maven Central, via zonky) running on a free port
 * over a data directory that is kept across runs.
 *
 * <p>One dgas process at a time owns a data directory: a lock file beside it is held for the life of the server, so a
 * second process never starts another PostgreSQL on it. Once ready, the owner publishes the port ({@link
 * PublishedPort}); a second process then connects to that server as a client ({@link #startOrAttach}), and gets a clear
 * error naming the directory and the holder's pid when there is none to connect to.
 * {@code pg_stat_statements} is preloaded when the bundled server ships it (detected on first start, then remembered
 * in {@code postgresql.auto.conf}); without it everything still works.
 *
 * <p>The server runs durable ({@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on): a committed
 * transaction survives a crash of dgas, of PostgreSQL or of the machine. A PostgreSQL left running by a dgas that was
 * killed is stopped cleanly by the next start ({@link StaleServer}).
 */
public final class EmbeddedServer implements AutoCloseable {
    /** How often a backend running a statement checks that its client is still there. */
    static final String CONNECTION_CHECK_INTERVAL = "2s";

    /** How long a process that finds the directory held waits for its owner to publish a ready server. */
    static final Duration ATTACH_WAIT = Duration.ofSeconds(30);

    /** Null when attached to another process's server. */
    private final EmbeddedPostgres postgres;

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path dataDir;
    private final int port;

    /** How long the exit hook waits for {@linkplain #deferStopAtExit holders} before it stops the server anyway. */
    static final Duration EXIT_WAIT = Duration.ofSeconds(60);

    private static final Object HOLDERS_LOCK = new Object();
    private static int holders;

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final Thread exitHook;

    private EmbeddedServer(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock, Path dataDir, int port) {
        this.postgres = postgres;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.dataDir = dataDir;
        this.port = port;
        this.exitHook = postgres == null ? null : new Thread(this::stopAtExit, "dgas-embedded-stop");
        if (exitHook != null) {
            Runtime.getRuntime().addShutdownHook(exitHook);
        }
    }

    /**
     * Keeps an owned server running at JVM exit until the returned handle is closed (or {@link #EXIT_WAIT} passed):
     * shutdown hooks run concurrently, so without it the server would stop under a process's own ordered shutdown
     * (its event listener, in-flight requests and batches losing their connections). {@code dgas serve} holds one and
     * releases it as its last stop step.
     */
    public static ExitHold deferStopAtExit() {
        synchronized (HOLDERS_LOCK) {
            holders++;
        }
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                synchronized (HOLDERS_LOCK) {
                    holders--;
                    HOLDERS_LOCK.notifyAll();
                }
            }
        };
    }

    /** A hold on the server's stop at exit; closing it (again) releases it (no-op). */
    public interface ExitHold extends AutoCloseable {
        @Override
        void close();
    }

    private void stopAtExit() {
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        synchronized (HOLDERS_LOCK) {
            while (holders > 0 && System.nanoTime() < deadline) {
                try {
                    HOLDERS_LOCK.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        close();
    }

    /**
     * Starts the server over {@code dataDir} like {@link #start}, or, when another live dgas holds the directory,
     * connects to the server it published ({@link #announce}): the result then {@linkplain #owner() does not own} the
     * server, and closing it leaves that server running. While the holder is starting (or migrating) it waits for the
     * publication up to {@link #ATTACH_WAIT}, taking the directory itself if the holder exits meanwhile.
     *
     * @throws UnableToStartEmbeddedDatabaseException when start-up fails, or the holder publishes no answering server
     *     in time
     */
    public static EmbeddedServer startOrAttach(Path dataDir) {
        return startOrAttach(dataDir, ATTACH_WAIT);
    }

    static EmbeddedServer startOrAttach(Path dataDir, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return start(dataDir);
            } catch (InUseException held) {
                Optional<PublishedPort> published =
                        PublishedPort.read(dataDir).filter(p -> p.pid() == held.holder && p.answers());
                if (published.isPresent()) {
                    return new EmbeddedServer(
                            null, null, null, dataDir, published.get().port());
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new UnableToStartEmbeddedDatabaseException(
                            held.getMessage() + " (it published no database to connect to within " + wait.toMillis()
                                    + " ms)",
                            held);
                }
                try {
                    Thread.sleep(100); // the holder is still starting or migrating: poll until it publishes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw held;
                }
            }
        }
    }

    /**
     * Starts (initialising on first use) the server over {@code dataDir}.
     *
     * @throws UnableToStartEmbeddedDatabaseException when another process holds the directory or start-up fails
     */
    public static EmbeddedServer start(Path dataDir) {
        Path lockFile = dataDir.resolveSibling(dataDir.getFileName() + ".lock");
        FileChannel channel = null;
        FileLock lock = null;
        try {
            Files.createDirectories(dataDir.getParent());
            channel = FileChannel.open(
                    lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder =
                        Files.readString(lockFile, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new InUseException(dataDir, holder);
            }
            Files.deleteIfExists(PublishedPort.file(dataDir)); // left by a killed owner: its server is gone or orphaned
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap(
                    Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
            if (!fresh) {
                StaleServer.clear(dataDir);
            }
            EmbeddedPostgres pg = launch(dataDir);
            if (fresh && enablePgStatStatements(pg)) {
                pg.close();
                pg = launch(dataDir);
            }
            return new EmbeddedServer(pg, channel, lock, dataDir, pg.getPort());
        } catch (IOException | RuntimeException e) {
            releaseQuietly(lock, channel);
            if (e instanceof DgasException de) {
                throw de;
            }
            throw new UnableToStartEmbeddedDatabaseException(
                    "could not start the embedded database in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static EmbeddedPostgres launch(Path dataDir) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false) // our own hook, which lets an ordered shutdown finish first
                .setServerConfig("max_connections", "200");
        durableSettings().forEach(builder::setServerConfig);
        return builder.start();
    }

    /**
     * What makes this server safe to keep a user's data in. zonky, built for throw-away test databases, starts
     * postgres with {@code -F} (fsync off) and {@code synchronous_commit=off}: a power cut could then lose committed
     * transactions or corrupt the cluster. Each {@code -c} setting comes after {@code -F} on the command line and wins.
     * {@code client_connection_check_interval} lets a backend notice a client killed mid-statement and release its
     * locks; PostgreSQL supports it on Linux only (elsewhere a non-zero value stops it from starting).
     */
    static Map<String, String> durableSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fsync", "on");
        settings.put("synchronous_commit", "on");
        settings.put("full_page_writes", "on");
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            settings.put("client_connection_check_interval", CONNECTION_CHECK_INTERVAL);
        }
        return settings;
    }

    /** Sets the preload when the server has the extension; returns whether a restart is needed. */
    private static boolean enablePgStatStatements(EmbeddedPostgres pg) {
        try (Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_stat_statements'")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                return false;
            }
            st.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void releaseQuietly(FileLock lock, FileChannel channel) {
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    /**
     * Publishes this server's port beside the data directory, so that other dgas processes on the same home connect to
     * it ({@link #startOrAttach}); the owner calls it once the database is ready for them (migrated). Nothing for an
     * attached server.
     */
    public void announce() {
        if (!owner()) {
            return;
        }
        try {
            new PublishedPort(port, ProcessHandle.current().pid()).write(dataDir);
        } catch (IOException e) {
            throw new UnableToStartEmbeddedDatabaseException(
                    "could not publish the embedded database's port in " + PublishedPort.file(dataDir) + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** Whether this process started the server (false: attached to the server of another dgas). */
    public boolean owner() {
        return postgres != null;
    }

    /** JDBC URL of {@code database} as the superuser {@code postgres} (trust authentication, loopback only). */
    public String jdbcUrl(String database) {
        return PublishedPort.jdbcUrl(port, database);
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server (fast shutdown) and releases the directory lock; nothing for an attached server. */
    @Override
    public void close() {
        if (!owner() || !closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() != exitHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(exitHook);
            } catch (IllegalStateException e) {
                // the JVM is exiting: the hook runs, finds this closed, and returns
            }
        }
        PublishedPort.remove(dataDir, ProcessHandle.current().pid()); // first, so that no one attaches to it now
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UnableToStartEmbeddedDatabaseException(
                    "could not stop the embedded database: " + e.getMessage(), e);
        } finally {
            releaseQuietly(lock, lockChannel);
        }
    }

    /** The directory's lock is held by another process (or by another server in this one). */
    private static final class InUseException extends UnableToStartEmbeddedDatabaseException {
        private static final long serialVersionUID = 1L;
        private final long holder;

        InUseException(Path dataDir, String holder) {
            super("the embedded database in " + dataDir + " is in use by another running dgas (pid "
                    + (holder.isEmpty() ? "unknown" : holder) + "); stop it, or point DGAS_HOME or --db-url elsewhere");
            this.holder = holder.matches("[0-9]{1,18}") ? Long.parseLong(holder) : -1;
        }
    }
}
