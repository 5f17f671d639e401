package io.dgas.app;

import io.dgas.app.config.DgasConfig;
import io.dgas.store.Database;
import io.dgas.store.ServerStatus;
import io.dgas.store.embedded.EmbeddedServer;
import io.dgas.store.migrate.Migrator;
import java.time.Clock;

/**
 * The composition root: builds what a command needs from the configuration, lazily, and closes it in reverse.
 *
 * <p>Without {@code database.url} the embedded server is started over {@code $DGAS_HOME/pg} and migrated on first
 * use (zero setup). An external server is never migrated implicitly: {@code dgas db migrate} does that.
 */
public final class AppContext implements AutoCloseable {
    private final DgasConfig config;
    private final Clock clock;
    private EmbeddedServer embedded;
    private Database database;
    private Telemetry telemetry;
    private io.dgas.store.health.HealthMonitor health;

    public AppContext(DgasConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public DgasConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    /** The database, connecting (and for the embedded server, starting and migrating) on first call. */
    public synchronized Database database() {
        if (database == null) {
            String url;
            if (config.isExternalDatabase()) {
                url = config.string(io.dgas.app.config.ConfigKeys.DB_URL).orElseThrow();
            } else {
                embedded = EmbeddedServer.start(config.embeddedDataDir());
                url = embedded.jdbcUrl("postgres");
            }
            if (embedded == null) {
                Database.probe(config.databaseSettings(url), java.time.Duration.ofSeconds(5));
            }
            database = Database.open(
                    config.databaseSettings(url),
                    telemetry().observer(),
                    telemetry().registry());
            if (embedded != null) {
                new Migrator(database).migrate();
                ServerStatus.enablePgStatStatements(database);
            }
        }
        return database;
    }

    /** Metrics, query monitor and caches, built on first call. */
    public synchronized Telemetry telemetry() {
        if (telemetry == null) {
            telemetry = new Telemetry(config, clock);
        }
        return telemetry;
    }

    /** Prometheus registry holding every dgas, pool, cache and JVM meter. */
    public io.micrometer.prometheusmetrics.PrometheusMeterRegistry meters() {
        return telemetry().registry();
    }

    /** The query monitor, or null when {@code monitor.query_monitor} is off. */
    public io.dgas.store.monitor.QueryMonitor queryMonitor() {
        return telemetry().queryMonitor();
    }

    /** The named query caches ({@link io.dgas.store.cache.QueryCache#NONE} when {@code cache.enabled} is off). */
    public io.dgas.store.cache.QueryCache cache() {
        return telemetry().cache();
    }

    /**
     * The health monitor over this context's database, query monitor and caches; alerts go to the log (the alert
     * sinks of the cycle add more). Not started: {@code dgas serve} starts background collection when
     * {@code monitor.health.enabled}.
     */
    public synchronized io.dgas.store.health.HealthMonitor health() {
        if (health == null) {
            health = new io.dgas.store.health.HealthMonitor(
                    database(),
                    queryMonitor(),
                    cache(),
                    io.dgas.store.health.Thresholds.defaults(),
                    clock,
                    java.time.Duration.ofMinutes(5),
                    c -> org.slf4j.LoggerFactory.getLogger("io.dgas.health")
                            .warn(
                                    "health {} is {}: {} {} ({})",
                                    c.name(),
                                    c.verdict().code(),
                                    c.value(),
                                    c.unit(),
                                    c.message()));
        }
        return health;
    }

    /** Whether the database in use is the embedded one (valid after {@link #database()}). */
    public boolean isEmbedded() {
        return !config.isExternalDatabase();
    }

    @Override
    public synchronized void close() {
        if (health != null) {
            health.close();
            health = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
        if (telemetry != null) {
            telemetry.close();
            telemetry = null;
        }
    }
}
