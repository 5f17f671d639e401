package io.dgas.app;

import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.DgasConfig;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Pools on the read replicas of {@code database.replicas}, with the primary's credentials unless a URL has its own. */
public final class ReplicaPools {
    private ReplicaPools() {}

    /**
     * One pool per configured replica, keeping one connection open and opening up to {@code maxConnections}, each
     * borrow waiting at most {@code acquireTimeout}; callers close them. Pools connect lazily: an unreachable replica
     * is found by its first use.
     */
    public static List<Database> open(
            DgasConfig config, int maxConnections, Duration acquireTimeout, StatementObserver observer) {
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
                                maxConnections - 1,
                                acquireTimeout,
                                base.maxLifetime(),
                                true),
                        observer));
            }
        }
        return out;
    }
}
