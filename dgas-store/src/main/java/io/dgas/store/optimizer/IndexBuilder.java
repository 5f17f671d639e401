package io.dgas.store.optimizer;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code add-indexes}: builds missing wanted indexes and rebuilds invalid ones without blocking writes.
 *
 * <p>Design notes: {@code CREATE INDEX CONCURRENTLY} cannot run inside a transaction block, so every statement runs
 * on an auto-commit session, with {@code lock_timeout} (a build that cannot get its lock gives up instead of queueing
 * writers behind it) and {@code statement_timeout} set on that session only. A session-level
 * {@code pg_try_advisory_lock} makes the work a cluster-wide singleton: a second instance is told "another instance
 * is adding indexes" rather than racing. Partitioned tables cannot be indexed concurrently, so for them the standard
 * recipe is used: {@code CREATE INDEX … ON ONLY parent} (instant, invalid), then a concurrent build on every
 * partition and {@code ALTER INDEX … ATTACH PARTITION}, after which the parent index turns valid. An invalid index
 * left by a failed concurrent build is rebuilt with {@code REINDEX INDEX CONCURRENTLY}.
 */
public final class IndexBuilder {
    /** Advisory lock key of add-indexes (constant across instances). */
    static final long LOCK_KEY = 0x64676173_00000001L;

    private final Database db;

    public IndexBuilder(Database db) {
        this.db = db;
    }

    /** One index's work: the statements that create or rebuild it. */
    public record Step(String index, String table, String reason, List<String> statements) {}

    /** What {@link #apply} would do for {@code wanted}: missing ones created, invalid ones rebuilt. */
    public List<Step> plan(List<IndexSpec> wanted) {
        return db.withSession(s -> {
            List<Step> steps = new ArrayList<>();
            for (IndexSpec spec : wanted) {
                Optional<String> kind = relkind(s, spec.table());
                if (kind.isEmpty() || exists(s, spec.name())) {
                    continue;
                }
                List<String> sql = new ArrayList<>();
                if (kind.get().equals("p")) {
                    sql.add(spec.create(spec.name(), spec.table(), false, true));
                    for (String part : leaves(s, spec.table())) {
                        String child = childName(part, spec);
                        sql.add(spec.create(child, part, true, false));
                        sql.add("ALTER INDEX " + Identifiers.quote(spec.name()) + " ATTACH PARTITION "
                                + Identifiers.quote(child));
                    }
                } else {
                    sql.add(spec.create(spec.name(), spec.table(), true, false));
                }
                steps.add(new Step(spec.name(), spec.table(), spec.reason(), sql));
            }
            for (IndexInfo bad : IndexCatalog.all(s)) {
                if (!bad.valid() && !relkind(s, bad.table()).orElse("").equals("p")) {
                    steps.add(new Step(
                            bad.name(),
                            bad.table(),
                            "invalid",
                            List.of("REINDEX INDEX CONCURRENTLY " + Identifiers.quote(bad.name()))));
                }
            }
            return steps;
        });
    }

    /**
     * Runs {@code steps} outside any transaction under the add-indexes advisory lock; returns the statements run.
     *
     * @throws UnableToOptimizeException when another instance holds the lock, or a statement fails (the ones before
     *     it stay done; an interrupted concurrent build leaves an invalid index that the next plan rebuilds)
     */
    public List<String> apply(List<Step> steps, Duration lockTimeout, Duration statementTimeout) {
        return db.withSession(s -> {
            if (!s.connection().getAutoCommit()) {
                throw new IllegalStateException("index builds must run outside a transaction");
            }
            boolean locked = s.queryOne(
                            "optimizer.add-indexes-lock",
                            "SELECT pg_try_advisory_lock(?)",
                            ps -> ps.setLong(1, LOCK_KEY),
                            rs -> rs.getBoolean(1))
                    .orElse(false);
            if (!locked) {
                throw new UnableToOptimizeException("another instance is adding indexes; try again later");
            }
            List<String> done = new ArrayList<>();
            try (Statement st = s.connection().createStatement()) {
                st.execute("SET lock_timeout = " + lockTimeout.toMillis());
                st.execute("SET statement_timeout = " + statementTimeout.toMillis());
                for (Step step : steps) {
                    for (String sql : step.statements()) {
                        try {
                            st.execute(SqlSession.named("optimizer.add-index", sql));
                        } catch (java.sql.SQLException e) {
                            throw new UnableToOptimizeException(
                                    "building " + step.index() + " failed: " + e.getMessage(), e);
                        }
                        done.add(sql);
                    }
                }
            } finally {
                try (Statement st = s.connection().createStatement()) {
                    st.execute("RESET lock_timeout");
                    st.execute("RESET statement_timeout");
                }
                s.queryOne(
                        "optimizer.add-indexes-unlock",
                        "SELECT pg_advisory_unlock(?)",
                        ps -> ps.setLong(1, LOCK_KEY),
                        rs -> rs.getBoolean(1));
            }
            return done;
        });
    }

    private static Optional<String> relkind(SqlSession s, String table) {
        return s.queryOne(
                "optimizer.relkind",
                "SELECT c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = current_schema() AND c.relname = ? AND c.relkind IN ('r', 'p', 'm')",
                ps -> ps.setString(1, table),
                rs -> rs.getString(1));
    }

    private static boolean exists(SqlSession s, String index) {
        return s.queryOne(
                        "optimizer.index-exists",
                        "SELECT count(*) > 0 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE n.nspname = current_schema() AND c.relname = ?",
                        ps -> ps.setString(1, index),
                        rs -> rs.getBoolean(1))
                .orElse(false);
    }

    private static List<String> leaves(SqlSession s, String table) {
        return s.query(
                "optimizer.leaves",
                "SELECT l.relname FROM pg_partition_tree(to_regclass(quote_ident(?))) t"
                        + " JOIN pg_class l ON l.oid = t.relid WHERE t.isleaf ORDER BY 1",
                ps -> ps.setString(1, table),
                rs -> rs.getString(1));
    }

    /** {@code bars_y2024m02} + {@code bars_timeframe_ts_idx} → {@code bars_y2024m02_timeframe_ts_idx}, ≤ 63 bytes. */
    static String childName(String partition, IndexSpec spec) {
        String suffix = spec.name().startsWith(spec.table() + "_")
                ? spec.name().substring(spec.table().length() + 1)
                : spec.name();
        String n = partition + "_" + suffix;
        return n.length() > 63 ? n.substring(0, 63) : n;
    }
}
