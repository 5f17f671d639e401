package io.dgas.store.optimizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.store.SqlSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The planner's estimated cost of a normalised statement ({@code $1} placeholders, as {@code pg_stat_statements}
 * stores it), without executing it, on the caller's pinned session (hypothetical indexes live in one session).
 *
 * <p>Design notes: on PostgreSQL 16 and newer, {@code EXPLAIN (GENERIC_PLAN)} plans the text as is. On older servers
 * the text is {@code PREPARE}d (the server infers each placeholder's type), {@code plan_cache_mode} is set to
 * {@code force_generic_plan} for the session, and {@code EXPLAIN EXECUTE} runs with typed, non-NULL stand-in values
 * ({@code 0}, {@code ''}, {@code false}, an epoch date; NULL only for types without a safe literal). Under a forced
 * generic plan the values are not used for planning at all, so both paths give the same kind of plan: the one whose
 * selectivity comes from column statistics averages, which is what a frequent statement with varying parameters
 * sees. The prepared statement is deallocated after each EXPLAIN so every call re-plans (and sees the current
 * hypothetical indexes).
 */
final class PlanCost {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> STAND_INS = Map.ofEntries(
            Map.entry("smallint", "0"),
            Map.entry("integer", "0"),
            Map.entry("bigint", "0"),
            Map.entry("numeric", "0"),
            Map.entry("real", "0"),
            Map.entry("double precision", "0"),
            Map.entry("text", ""),
            Map.entry("character varying", ""),
            Map.entry("boolean", "false"),
            Map.entry("date", "1970-01-01"),
            Map.entry("timestamp with time zone", "1970-01-01 00:00:00+00"),
            Map.entry("timestamp without time zone", "1970-01-01 00:00:00"),
            Map.entry("interval", "0"),
            Map.entry("jsonb", "{}"));

    private final SqlSession session;
    private final boolean genericPlanOption;
    private int prepared;

    PlanCost(SqlSession session) {
        this.session = session;
        this.genericPlanOption = session.queryOne(
                        "optimizer.server-version",
                        "SELECT current_setting('server_version_num')::int >= 160000",
                        SqlSession.Binder.NONE,
                        rs -> rs.getBoolean(1))
                .orElse(false);
    }

    /** Which way statements are planned, for reports. */
    String approach() {
        return genericPlanOption ? "EXPLAIN (GENERIC_PLAN)" : "PREPARE + force_generic_plan + EXPLAIN EXECUTE";
    }

    /** The plan of {@code sql} as EXPLAIN's JSON (the top plan node). */
    JsonNode plan(String sql) throws SQLException {
        String text = stripTrailingSemicolon(sql);
        if (genericPlanOption) {
            return explain("EXPLAIN (FORMAT JSON, GENERIC_PLAN) " + text);
        }
        String name = "dgas_opt_" + (++prepared);
        try (Statement st = session.connection().createStatement()) {
            st.execute("SET plan_cache_mode = force_generic_plan");
            simple(st, "PREPARE " + name + " AS " + text);
            try {
                List<String> types = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT unnest(parameter_types)::text FROM pg_prepared_statements"
                        + " WHERE name = '" + name + "'")) {
                    while (rs.next()) {
                        types.add(rs.getString(1));
                    }
                }
                StringBuilder args = new StringBuilder();
                for (String type : types) {
                    String v = STAND_INS.get(type);
                    args.append(args.length() == 0 ? "" : ", ")
                            .append(v == null ? "NULL" : "'" + v + "'")
                            .append("::")
                            .append(type); // a type name from the catalog, not user text
                }
                return explain("EXPLAIN (FORMAT JSON) EXECUTE " + name + (types.isEmpty() ? "" : "(" + args + ")"));
            } finally {
                st.execute("DEALLOCATE " + name);
                st.execute("RESET plan_cache_mode");
            }
        }
    }

    /** The total estimated cost of {@code sql}. */
    double cost(String sql) throws SQLException {
        return plan(sql).path("Total Cost").asDouble();
    }

    /**
     * Runs one EXPLAIN with the simple query protocol: the extended protocol would bind the statement's own
     * placeholders and fail ("bind message supplies 0 parameters"), while EXPLAIN (GENERIC_PLAN) wants them unbound.
     */
    private JsonNode explain(String sql) throws SQLException {
        try (Statement st = session.connection().createStatement()) {
            simple(st, SqlSession.named("optimizer.explain", sql));
            try (ResultSet rs = st.getResultSet()) {
                rs.next();
                return JSON.readTree(rs.getString(1)).path(0).path("Plan");
            } catch (java.io.IOException e) {
                throw new SQLException("unreadable EXPLAIN output", e);
            }
        }
    }

    private static void simple(Statement st, String sql) throws SQLException {
        st.unwrap(org.postgresql.core.BaseStatement.class)
                .executeWithFlags(sql, org.postgresql.core.QueryExecutor.QUERY_EXECUTE_AS_SIMPLE);
    }

    /** Total cost of the Seq Scan nodes over any of {@code relations} in {@code plan}. */
    static double seqScanCost(JsonNode plan, java.util.Collection<String> relations) {
        double sum = 0;
        if ("Seq Scan".equals(plan.path("Node Type").asText())
                && relations.contains(plan.path("Relation Name").asText())) {
            sum += plan.path("Total Cost").asDouble();
        }
        for (JsonNode child : plan.path("Plans")) {
            sum += seqScanCost(child, relations);
        }
        return sum;
    }

    private static String stripTrailingSemicolon(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    /** Whether a statement is one the advisor plans: read-only SELECT (or WITH … SELECT). */
    static boolean isSelect(String sql) {
        List<String> t = QueryColumns.tokens(sql);
        if (t.isEmpty()) {
            return false;
        }
        String first = t.get(0).toLowerCase(Locale.ROOT);
        return (first.equals("select") || first.equals("with"))
                && !t.contains("insert")
                && !t.contains("update")
                && !t.contains("delete");
    }
}
