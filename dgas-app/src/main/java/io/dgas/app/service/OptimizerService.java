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

    /**
     * Index suggestions for the {@code limit} heaviest statements of the last {@code window} called at least
     * {@code minCalls} times, keeping those that cut the planner's cost by {@code minSavings} (0..1).
     */
    public IndexAdvisor.Advice advise(Duration window, long minCalls, int limit, double minSavings) {
        List<ServerStatement> top = new PgStatStatements(db).top(clock.instant(), window, limit, minCalls, 0);
        return new IndexAdvisor(db).suggest(top, minSavings, true);
    }
}
