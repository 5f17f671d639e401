package io.dgas.app.service;

import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.DgasConfig;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.monitor.PgStatStatements;
import io.dgas.store.monitor.ServerStatement;
import io.dgas.store.optimizer.IndexAdvisor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What {@code dgas db-optimizer} needs beyond the store's reports: the replicas to check and index advice. */
public final class OptimizerService {
    private final Database db;
    private final DgasConfig config;
    private final Clock clock;

    public OptimizerService(Database db, DgasConfig config, Clock clock) {
        this.db = db;
        this.config = config;
        this.clock = clock;
    }

    /** Opens a one-connection pool per configured replica ({@code database.replicas}); callers close them. */
    public List<Database> replicas() {
        List<Database> out = new ArrayList<>();
        for (String url : config.string(ConfigKeys.DB_REPLICAS).orElse("").split(",")) {
            if (!url.isBlank()) {
                DatabaseSettings base = config.databaseSettings(url.trim());
                out.add(Database.open(
                        new DatabaseSettings(
                                base.url(),
                                base.user(),
                                base.password(),
                                1,
                                0,
                                Duration.ofSeconds(10),
                                base.maxLifetime(),
                                true),
                        StatementObserver.NONE));
            }
        }
        return out;
    }

    /** Unused indexes with what they were judged on; {@code warnings} name the replicas that could not be checked. */
    public record Unused(
            String statsReset,
            int replicasChecked,
            List<io.dgas.store.optimizer.IndexInfo> indexes,
            io.dgas.store.optimizer.HiddenIndexCheck.Result verification,
            List<String> warnings) {}

    /**
     * Indexes of at least {@code minSize} bytes never scanned here and (when {@code database.replicas} are set) on
     * none of the replicas either; a replica that cannot be read is skipped with a warning. With {@code verify}, the
     * top statements of the last 7 days that would get slower without them (hypopg).
     */
    public Unused unused(long minSize, boolean verify) {
        io.dgas.store.optimizer.IndexCatalog catalog = new io.dgas.store.optimizer.IndexCatalog(db);
        List<io.dgas.store.optimizer.IndexInfo> unused = catalog.unused(minSize);
        List<Database> replicas = replicas();
        List<java.util.Map<String, Long>> scans = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try {
            for (Database r : replicas) {
                try {
                    scans.add(io.dgas.store.optimizer.UnusedIndexes.scansByIndex(r));
                } catch (RuntimeException e) {
                    warnings.add("replica " + r.settings().safeUrl() + " not checked: " + e.getMessage());
                    scans.add(null);
                }
            }
        } finally {
            replicas.forEach(Database::close);
        }
        List<io.dgas.store.optimizer.IndexInfo> result =
                replicas.isEmpty() ? unused : io.dgas.store.optimizer.UnusedIndexes.onEveryServer(unused, scans);
        io.dgas.store.optimizer.HiddenIndexCheck.Result verification = null;
        if (verify) {
            List<ServerStatement> top = new PgStatStatements(db).top(clock.instant(), Duration.ofDays(7), 20, 1, 0);
            verification = new io.dgas.store.optimizer.HiddenIndexCheck(db).verify(result, top);
        }
        return new Unused(
                catalog.statsResetAt().map(java.time.Instant::toString).orElse(null),
                replicas.size(),
                result,
                verification,
                warnings);
    }

    /**
     * Index suggestions for the {@code limit} heaviest statements of the last {@code window} called at least
     * {@code minCalls} times, keeping those that cut the planner's cost by {@code minSavings} (0..1).
     */
    public IndexAdvisor.Advice advise(Duration window, long minCalls, int limit, double minSavings) {
        List<ServerStatement> top = new PgStatStatements(db).top(clock.instant(), window, limit, minCalls, 0);
        return new IndexAdvisor(db).suggest(top, minSavings, true);
    }
}
