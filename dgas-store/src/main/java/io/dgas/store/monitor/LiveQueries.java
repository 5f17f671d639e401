package io.dgas.store.monitor;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the clients of this database are doing now ({@code pg_stat_activity}), and stopping one of them: PgHero's live
 * queries. Listed are the client backends of the current database that are not idle (running, waiting, or idle inside
 * an open transaction, which holds back vacuum), except the connection asking; only those can be signalled, so an
 * operator cannot stop another database's work, a server process or the statement doing the stopping.
 */
public final class LiveQueries {
    /** Characters of a statement's text kept (the server itself keeps {@code track_activity_query_size}, 1 kB). */
    public static final int QUERY_CHARS = 10_000;

    private static final String ELIGIBLE = " FROM pg_stat_activity WHERE datname = current_database()"
            + " AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state IS DISTINCT FROM 'idle'";
    private static final String COLUMNS = "pid, usename, application_name, host(client_addr), state,"
            + " wait_event_type || ': ' || wait_event, coalesce(xact_start, query_start), query_start,"
            + " extract(epoch FROM clock_timestamp() - query_start), left(query, " + QUERY_CHARS + ")";

    private final Database db;

    public LiveQueries(Database db) {
        this.db = db;
    }

    /**
     * A client at work.
     *
     * @param client its address, or null for a local socket
     * @param waitEvent what it waits for ({@code Lock: relation}, {@code Client: ClientRead}), or null
     * @param transactionStart when its transaction (else its statement) began
     * @param seconds how long its current statement has run (for one idle in a transaction: since its last)
     */
    public record LiveQuery(
            int pid,
            String user,
            String application,
            String client,
            String state,
            String waitEvent,
            Instant transactionStart,
            Instant queryStart,
            double seconds,
            String query) {}

    /**
     * A signal sent (or, in a dry run, that would be).
     *
     * @param action {@code cancel} (the statement) or {@code terminate} (the connection)
     * @param signalled whether the server accepted the signal (false in a dry run, or when it refused)
     * @param query what the client was running
     */
    public record Signal(int pid, String action, boolean signalled, String query) {}

    /** The clients at work, the longest-running statement first. */
    public List<LiveQuery> list() {
        return db.query(
                "activity.live",
                "SELECT " + COLUMNS + ELIGIBLE + " ORDER BY query_start NULLS LAST, pid",
                SqlSession.Binder.NONE,
                LiveQueries::row);
    }

    /** The client {@code pid} when it is one {@link #list} shows. */
    public Optional<LiveQuery> find(int pid) {
        return db.queryOne(
                "activity.live-one",
                "SELECT " + COLUMNS + ELIGIBLE + " AND pid = ?",
                ps -> ps.setInt(1, pid),
                LiveQueries::row);
    }

    /**
     * Cancels the statement of client {@code pid} ({@code pg_cancel_backend}), or with {@code terminate} closes its
     * connection ({@code pg_terminate_backend}, which also ends an idle transaction); empty when {@code pid} is not a
     * client {@link #list} shows.
     */
    public Optional<Signal> signal(int pid, boolean terminate) {
        return db.queryOne(
                "activity.signal",
                "SELECT pid, CASE WHEN ? THEN pg_terminate_backend(pid) ELSE pg_cancel_backend(pid) END,"
                        + " left(query, " + QUERY_CHARS + ")" + ELIGIBLE + " AND pid = ?",
                ps -> {
                    ps.setBoolean(1, terminate);
                    ps.setInt(2, pid);
                },
                rs -> new Signal(rs.getInt(1), action(terminate), rs.getBoolean(2), rs.getString(3)));
    }

    /** The name of the signal: {@code terminate} or {@code cancel}. */
    public static String action(boolean terminate) {
        return terminate ? "terminate" : "cancel";
    }

    private static LiveQuery row(ResultSet rs) throws SQLException {
        return new LiveQuery(
                rs.getInt(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                instant(rs.getTimestamp(7)),
                instant(rs.getTimestamp(8)),
                rs.getDouble(9),
                rs.getString(10));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
