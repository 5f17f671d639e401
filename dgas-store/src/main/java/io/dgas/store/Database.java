package io.dgas.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.dgas.store.monitor.LatencyWindow;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Owns the HikariCP pool; the only way code reaches PostgreSQL.
 *
 * <p>Work runs in a {@link SqlSession} on a borrowed connection, either in auto-commit mode ({@link #withSession}) or
 * in one transaction that commits when the callback returns and rolls back when it throws ({@link #inTransaction}).
 * When no connection can be had within the acquire timeout, callers get an {@link UnableToConnectException} carrying
 * the pool state instead of queueing forever.
 */
public final class Database implements AutoCloseable {
    private final DatabaseSettings settings;
    private final HikariDataSource pool;
    private final StatementObserver observer;
    private final LatencyWindow acquireTimes = new LatencyWindow(2048);
    private final LongAdder acquireTimeouts = new LongAdder();

    private Database(DatabaseSettings settings, HikariDataSource pool, StatementObserver observer) {
        this.settings = settings;
        this.pool = pool;
        this.observer = observer;
    }

    /** Opens a pool without metrics; see {@link #open(DatabaseSettings, StatementObserver, MeterRegistry)}. */
    public static Database open(DatabaseSettings settings, StatementObserver observer) {
        return open(settings, observer, null);
    }

    /**
     * Opens a pool. The pool starts lazily (no connection is required to construct it), so an unreachable server is
     * reported by the first use, with a clear message, not here.
     */
    public static Database open(DatabaseSettings settings, StatementObserver observer, MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("dgas");
        config.setJdbcUrl(settings.url());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMinimumIdle(settings.poolSize());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setConnectionTimeout(settings.acquireTimeout().toMillis());
        config.setMaxLifetime(settings.maxLifetime().toMillis());
        config.setKeepaliveTime(
                settings.prePing() ? Math.min(120_000, settings.maxLifetime().toMillis() / 2) : 0);
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("ApplicationName", "dgas");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        if (registry != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
        Database db = new Database(settings, new HikariDataSource(config), observer);
        if (registry != null) {
            Gauge.builder("db.pool.active.connections", db, d -> d.poolStats().active())
                    .description("Connections lent out")
                    .register(registry);
            Gauge.builder("db.pool.idle.connections", db, d -> d.poolStats().idle())
                    .register(registry);
            Gauge.builder("db.pool.pending.threads", db, d -> d.poolStats().waiting())
                    .register(registry);
            Gauge.builder("db.pool.utilisation", db, d -> d.poolStats().utilisation())
                    .register(registry);
        }
        return db;
    }

    /**
     * Connects once without the pool, failing within {@code timeout} with a clear message when the server cannot be
     * reached or refuses the credentials, so a CLI does not wait out the pool's acquire timeout for a server that is
     * down.
     */
    public static void probe(DatabaseSettings settings, java.time.Duration timeout) {
        java.util.Properties props = new java.util.Properties();
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        String secs = Long.toString(Math.max(1, timeout.toSeconds()));
        props.setProperty("connectTimeout", secs);
        props.setProperty("loginTimeout", secs);
        try (Connection c = java.sql.DriverManager.getConnection(settings.url(), props)) {
            c.isValid((int) Math.max(1, timeout.toSeconds()));
        } catch (SQLException e) {
            throw new UnableToConnectException(
                    "database unavailable at " + settings.safeUrl() + ": " + rootMessage(e), e);
        }
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** For libraries that need a {@link DataSource} (Flyway, the scheduler); application code uses sessions. */
    public DataSource dataSource() {
        return pool;
    }

    public <T> T withSession(SessionCallback<T> work) {
        try (Connection c = borrow()) {
            return work.run(new SqlSession(c, observer));
        } catch (SQLException e) {
            throw new UnableToConnectException("connection failed: " + e.getMessage(), e);
        }
    }

    public <T> T inTransaction(SessionCallback<T> work) {
        try (Connection c = borrow()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(new SqlSession(c, observer));
                c.commit();
                return result;
            } catch (RuntimeException | Error e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new UnableToConnectException("transaction failed: " + e.getMessage(), e);
        }
    }

    public <T> List<T> query(String name, String sql, SqlSession.Binder binder, SqlSession.RowMapper<T> mapper) {
        return withSession(s -> s.query(name, sql, binder, mapper));
    }

    public <T> Optional<T> queryOne(String name, String sql, SqlSession.Binder binder, SqlSession.RowMapper<T> mapper) {
        return withSession(s -> s.queryOne(name, sql, binder, mapper));
    }

    public int update(String name, String sql, SqlSession.Binder binder) {
        return withSession(s -> s.update(name, sql, binder));
    }

    /** Current pool figures; utilisation is active / max and never negative. */
    public PoolStats poolStats() {
        HikariPoolMXBean mx = pool.getHikariPoolMXBean();
        long[] acquires = acquireTimes.sortedSince(System.currentTimeMillis() - 300_000);
        double p95 = acquires.length == 0 ? 0 : LatencyWindow.percentile(acquires, 95) / 1e6;
        if (mx == null) {
            return new PoolStats(0, 0, 0, 0, settings.maxPoolSize(), p95, acquireTimeouts.sum());
        }
        // HikariCP reads each figure separately; clamp so a reading taken mid-change never shows idle < 0
        int total = mx.getTotalConnections();
        int active = Math.min(total, Math.max(0, mx.getActiveConnections()));
        return new PoolStats(
                total,
                active,
                Math.max(0, total - active),
                Math.max(0, mx.getThreadsAwaitingConnection()),
                settings.maxPoolSize(),
                p95,
                acquireTimeouts.sum());
    }

    private Connection borrow() {
        long start = System.nanoTime();
        try {
            Connection c = pool.getConnection();
            acquireTimes.record(System.nanoTime() - start, System.currentTimeMillis());
            return c;
        } catch (SQLException e) {
            acquireTimeouts.increment();
            PoolStats s = poolStats();
            throw new UnableToConnectException(
                    "no database connection within " + settings.acquireTimeout().toMillis() + " ms from "
                            + settings.safeUrl() + " (pool " + s.describe() + "): " + rootMessage(e),
                    e);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Work on a session; may throw unchecked exceptions, which roll a transaction back. */
    @FunctionalInterface
    public interface SessionCallback<T> {
        T run(SqlSession session) throws SQLException;
    }
}
