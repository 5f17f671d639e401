package io.dgas.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One borrowed connection with named, timed statement helpers. Obtained only from {@link Database}.
 *
 * <p>Every statement carries a name: the SQL sent to the server starts with a {@code /* dgas:<name> *&#47;} comment, so
 * {@code pg_stat_statements} and server logs can be joined back to the code, and the {@link StatementObserver} is
 * told the name, time and row count — never the bound values.
 */
public final class SqlSession {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,79}");

    private final Connection connection;
    private final StatementObserver observer;

    SqlSession(Connection connection, StatementObserver observer) {
        this.connection = connection;
        this.observer = observer;
    }

    /** Binds parameters to a prepared statement. */
    @FunctionalInterface
    public interface Binder {
        Binder NONE = ps -> {};

        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** The raw connection, for driver-specific work such as COPY; callers must not close it. */
    public Connection connection() {
        return connection;
    }

    /** Prefixes {@code sql} with the name comment; the name must be lower-case letters, digits, {@code _ . -}. */
    public static String named(String name, String sql) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad statement name '" + name + "'");
        }
        return "/* dgas:" + name + " */ " + sql;
    }

    public <T> List<T> query(String name, String sql, Binder binder, RowMapper<T> mapper) {
        long start = System.nanoTime();
        List<T> rows = new ArrayList<>();
        boolean failed = true;
        try (PreparedStatement ps = connection.prepareStatement(named(name, sql))) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            failed = false;
            return rows;
        } catch (SQLException e) {
            throw failure(name, e);
        } finally {
            observer.onStatement(name, System.nanoTime() - start, rows.size(), failed);
        }
    }

    public <T> Optional<T> queryOne(String name, String sql, Binder binder, RowMapper<T> mapper) {
        List<T> rows = query(name, sql, binder, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /** Runs an INSERT/UPDATE/DELETE/DDL statement and returns the affected row count. */
    public int update(String name, String sql, Binder binder) {
        long start = System.nanoTime();
        int count = 0;
        boolean failed = true;
        try (PreparedStatement ps = connection.prepareStatement(named(name, sql))) {
            binder.bind(ps);
            count = ps.executeUpdate();
            failed = false;
            return count;
        } catch (SQLException e) {
            throw failure(name, e);
        } finally {
            observer.onStatement(name, System.nanoTime() - start, count, failed);
        }
    }

    /** Runs {@code work} and reports it to the observer under {@code name} (for COPY and other driver calls). */
    public <T> T timed(String name, SqlWork<T> work, java.util.function.ToLongFunction<T> rowCount) {
        long start = System.nanoTime();
        T result = null;
        boolean failed = true;
        try {
            result = work.run(connection);
            failed = false;
            return result;
        } catch (SQLException | java.io.IOException e) {
            throw failure(name, e);
        } finally {
            observer.onStatement(
                    name, System.nanoTime() - start, result == null ? 0 : rowCount.applyAsLong(result), failed);
        }
    }

    /**
     * A lost connection or a server shutting down is reported as {@link UnableToConnectException} (the database is
     * unavailable, exit code 3), anything else as a failed statement.
     */
    static RuntimeException failure(String name, Exception e) {
        String state = e instanceof SQLException sql ? sql.getSQLState() : null;
        if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
            return new UnableToConnectException(
                    "statement '" + name + "': database connection lost: " + e.getMessage(), e);
        }
        return new UnableToExecuteStatementException(name, e);
    }

    /** Driver-level work on the session's connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException, java.io.IOException;
    }
}
