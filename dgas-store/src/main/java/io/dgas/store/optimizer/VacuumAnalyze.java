package io.dgas.store.optimizer;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code VACUUM} and {@code ANALYZE}, planned first and run only when asked.
 *
 * <p>Both refuse to run inside a transaction block, so they run on an auto-commit session from
 * {@link Database#withSession} through the raw connection, one statement each. Table names given by the user are
 * resolved against the catalog and quoted ({@link Identifiers#resolveTable}); with no table, the whole database is
 * processed by one statement.
 */
public final class VacuumAnalyze {
    private final Database db;

    public VacuumAnalyze(Database db) {
        this.db = db;
    }

    /** The VACUUM statement for {@code table} (null: every table), system catalogs refused. */
    public String planVacuum(String table, boolean full) {
        return planVacuum(table, full, false);
    }

    /**
     * The VACUUM statement for {@code table} (null: every table); validates the name against the catalog, runs
     * nothing. A system catalog is accepted only with {@code allowSystem}.
     */
    public String planVacuum(String table, boolean full, boolean allowSystem) {
        return "VACUUM (" + (full ? "FULL, " : "") + "ANALYZE, VERBOSE false)" + target(table, allowSystem);
    }

    /** The ANALYZE statement for {@code table} (null: every table), system catalogs refused. */
    public String planAnalyze(String table) {
        return planAnalyze(table, false);
    }

    /** As {@link #planVacuum(String, boolean, boolean)}, for ANALYZE. */
    public String planAnalyze(String table, boolean allowSystem) {
        return "ANALYZE" + target(table, allowSystem);
    }

    private String target(String table, boolean allowSystem) {
        return table == null ? "" : " " + db.withSession(s -> Identifiers.resolveTable(s, table, allowSystem));
    }

    /** Runs planned statements, each outside any transaction; returns the statements run. */
    public List<String> run(List<String> statements) {
        List<String> done = new ArrayList<>();
        db.withSession(s -> {
            if (!s.connection().getAutoCommit()) {
                throw new IllegalStateException("maintenance must run outside a transaction");
            }
            for (String sql : statements) {
                if (!sql.startsWith("VACUUM") && !sql.startsWith("ANALYZE")) {
                    throw new IllegalArgumentException("not a maintenance statement: " + sql);
                }
                execute(s, sql);
                done.add(sql);
            }
            return null;
        });
        return done;
    }

    private static void execute(SqlSession s, String sql) {
        s.timed(
                sql.startsWith("VACUUM") ? "optimizer.vacuum" : "optimizer.analyze",
                c -> {
                    try (Statement st = c.createStatement()) {
                        st.execute(SqlSession.named(
                                sql.startsWith("VACUUM") ? "optimizer.vacuum" : "optimizer.analyze", sql));
                        return 0;
                    }
                },
                n -> 0);
    }
}
