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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The zero-setup default database: real PostgreSQL binaries (from Maven Central, via zonky) running on a free port
 * over a data directory that is kept across runs.
 *
 * <p>One dgas process at a time owns a data directory: a lock file beside it is held for the life of the server, and a
 * second process gets a clear error naming the directory and the holder's pid instead of a corrupted cluster.
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

    private final EmbeddedPostgres postgres;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path dataDir;

    private EmbeddedServer(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock, Path dataDir) {
        this.postgres = postgres;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.dataDir = dataDir;
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
                throw new UnableToStartEmbeddedDatabaseException("the embedded database in " + dataDir
                        + " is in use by another running dgas (pid " + (holder.isEmpty() ? "unknown" : holder)
                        + "); stop it, or point DGAS_HOME or --db-url elsewhere");
            }
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
            return new EmbeddedServer(pg, channel, lock, dataDir);
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
                .setRegisterShutdownHook(true)
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

    /** JDBC URL of {@code database} as the superuser {@code postgres} (trust authentication, loopback only). */
    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server (fast shutdown) and releases the directory lock. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UnableToStartEmbeddedDatabaseException(
                    "could not stop the embedded database: " + e.getMessage(), e);
        } finally {
            releaseQuietly(lock, lockChannel);
        }
    }
}
