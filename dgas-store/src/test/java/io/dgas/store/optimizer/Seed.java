package io.dgas.store.optimizer;

import io.dgas.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Planted problems shared by the optimizer tests: a table without the index its frequent lookup needs, and more. */
final class Seed {
    /** The frequent statement that lacks an index: prediction runs by instance. */
    static final String LOOKUP = "SELECT id, started_at FROM prediction_runs WHERE instance = ?";

    private Seed() {}

    /** 30 000 prediction runs over 1 000 instances, analysed; statistics flushed so the views see them at once. */
    static void predictionRuns(Database db) {
        exec(
                db,
                "INSERT INTO prediction_runs (started_at, finished_at, htf_timeframe, trading_timeframe, status,"
                        + " symbols_requested, symbols_failed, instance)"
                        + " SELECT timestamptz '2024-01-01' + g * interval '1 minute',"
                        + " timestamptz '2024-01-01' + g * interval '1 minute' + interval '5 seconds', '4h', '1h',"
                        + " CASE WHEN g % 10 = 0 THEN 'failed' ELSE 'success' END, g % 50, g % 5,"
                        + " 'host-' || (g % 1000) FROM generate_series(1, 30000) g",
                "ANALYZE prediction_runs",
                "SELECT pg_stat_force_next_flush()");
    }

    /** Runs statements one by one in auto-commit mode (so CONCURRENTLY and VACUUM work too). */
    static void exec(Database db, String... sql) {
        db.withSession(s -> {
            try (Statement st = s.connection().createStatement()) {
                for (String q : sql) {
                    st.execute(q);
                }
            }
            return null;
        });
    }

    /** Rows of a query as strings, for catalog comparisons. */
    static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                var rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i == 1 ? "" : "|").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    /** Everything a mutation would change: relations, index validity, vacuum/analyze times, partition bounds. */
    static List<String> catalogState(Database db) {
        return db.withSession(s -> rows(
                s.connection(),
                "SELECT c.relname, c.relkind, coalesce(x.indisvalid::text, ''), coalesce(c.relispartition::text, ''),"
                        + " coalesce(st.last_vacuum::text, ''), coalesce(st.last_analyze::text, '')"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " LEFT JOIN pg_index x ON x.indexrelid = c.oid"
                        + " LEFT JOIN pg_stat_user_tables st ON st.relid = c.oid"
                        + " WHERE n.nspname = current_schema() ORDER BY 1"));
    }
}
