package io.dgas.store.optimizer;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.UnableToConnectException;
import io.dgas.store.ingest.InvalidInputException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The planner's plan of one statement ({@code EXPLAIN}, never {@code ANALYZE}: nothing runs), PgHero's "explain": for a
 * statement of {@code pg_stat_statements}, whose constants are parameters ({@code $1}), the generic plan
 * ({@code GENERIC_PLAN}, PostgreSQL 16 and later).
 *
 * <p>Safety: the text must be one statement (a {@code ;} anywhere but at its end is refused: after it a second
 * statement could run), and the plan is asked in a read-only transaction that is rolled back, under a statement timeout.
 */
public final class StatementPlan {
    /** How long the planner may take. */
    static final int TIMEOUT_MS = 10_000;

    private static final Pattern PARAMETER = Pattern.compile("\\$[0-9]+");

    private final Database db;

    public StatementPlan(Database db) {
        this.db = db;
    }

    /**
     * A plan.
     *
     * @param generic whether it is the generic plan of a statement with parameters
     * @param lines the plan, one node or detail a line
     */
    public record Plan(String query, boolean generic, List<String> lines) {}

    /**
     * The plan of {@code sql}.
     *
     * @throws InvalidInputException for more than one statement, or parameters on a server before PostgreSQL 16
     */
    public Plan explain(String sql) {
        String one = single(sql);
        boolean generic = PARAMETER.matcher(one).find();
        // a connection of its own in the simple query protocol: the extended one binds a statement's $1 as a
        // parameter of the EXPLAIN itself, which has none to give ("bind message supplies 0 parameters")
        try (Connection c = open()) {
            if (generic && c.getMetaData().getDatabaseMajorVersion() < 16) {
                throw new InvalidInputException("the statement has parameters ($1, …): its generic plan needs"
                        + " PostgreSQL 16 or later, this server is "
                        + c.getMetaData().getDatabaseProductVersion());
            }
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION READ ONLY");
                st.execute("SET LOCAL statement_timeout = " + TIMEOUT_MS);
                List<String> lines = new ArrayList<>();
                try (ResultSet rs =
                        st.executeQuery("EXPLAIN (" + (generic ? "GENERIC_PLAN, " : "") + "VERBOSE) " + one)) {
                    while (rs.next()) {
                        // VERBOSE ends with the id of the text as planned here, not the pg_stat_statements id asked
                        // for: two ids under one title read as a mistake
                        if (!rs.getString(1).startsWith("Query Identifier:")) {
                            lines.add(rs.getString(1));
                        }
                    }
                } catch (SQLException e) {
                    // the statement's own fault (a syntax error, an unknown table, the timeout): the server's words
                    throw new InvalidInputException("the statement cannot be planned: " + e.getMessage());
                }
                return new Plan(one, generic, lines);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new UnableToConnectException(
                    "explain on " + db.settings().safeUrl() + " failed: " + e.getMessage(), e);
        }
    }

    private Connection open() throws SQLException {
        DatabaseSettings settings = db.settings();
        Properties props = settings.credentials();
        props.setProperty("preferQueryMode", "simple");
        props.setProperty("ApplicationName", "dgas explain");
        props.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(settings.url(), props);
    }

    /** {@code sql} without its trailing {@code ;} and blanks; refused when it holds another {@code ;}. */
    static String single(String sql) {
        String t = sql == null ? "" : sql.strip();
        if (t.endsWith(";")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        if (t.isEmpty()) {
            throw new InvalidInputException("no statement to explain");
        }
        if (t.indexOf(';') >= 0) {
            throw new InvalidInputException(
                    "one statement only: a ';' before its end could start another (write it without one)");
        }
        return t;
    }
}
