package io.dgas.store.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A session that holds a lock another one waits for, as {@code pg_stat_activity} shows it: enough for an operator to
 * find it ({@code pid}, application, client) and judge it (state, for how long, its last statement).
 *
 * @param pid server process id ({@code pg_terminate_backend(pid)} ends it); 0 for a prepared transaction
 * @param application its {@code application_name}, may be empty
 * @param client client address, {@code local} for a Unix socket
 * @param state {@code active}, {@code idle in transaction}, …
 * @param stateSeconds how long it has been in that state
 * @param query its current or last statement, whitespace collapsed, control characters escaped, truncated
 */
public record LockHolder(long pid, String application, String client, String state, long stateSeconds, String query) {
    static final int QUERY_CHARS = 100;

    /**
     * The session holding up {@code waiterPid}'s lock wait (the one with the oldest transaction when there are
     * several), or empty when that backend is not waiting for a lock.
     */
    static Optional<LockHolder> blocking(Connection c, long waiterPid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("/* dgas:ingest.lock-holder */ SELECT bp.pid,"
                + " b.application_name, coalesce(host(b.client_addr), 'local'), b.state,"
                + " floor(extract(epoch FROM now() - b.state_change)), b.query FROM pg_stat_activity me"
                + " CROSS JOIN LATERAL unnest(pg_blocking_pids(me.pid)) AS bp(pid)"
                + " LEFT JOIN pg_stat_activity b ON b.pid = bp.pid"
                + " WHERE me.pid = ? AND me.wait_event_type = 'Lock' ORDER BY b.xact_start NULLS LAST LIMIT 1")) {
            ps.setLong(1, waiterPid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LockHolder(
                        rs.getLong(1),
                        rs.getString(2) == null ? "" : rs.getString(2),
                        rs.getString(3),
                        rs.getString(4) == null ? "unknown state" : rs.getString(4),
                        rs.getLong(5),
                        shorten(rs.getString(6))));
            }
        }
    }

    /** {@code pid 812 (application 'dgas', client 127.0.0.1, idle in transaction for 2 min 10 s, query: …)}. */
    public String describe() {
        if (pid == 0) {
            return "a prepared transaction (see pg_prepared_xacts)";
        }
        return "pid " + pid + " (application '" + application + "', client " + client + ", " + state + " for "
                + seconds(stateSeconds) + (query.isEmpty() ? "" : ", query: " + query) + ")";
    }

    /** {@code 45 s}, {@code 2 min 10 s}, {@code 3 h 2 min}. */
    static String seconds(long s) {
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }

    static String shorten(String query) {
        if (query == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        boolean space = false;
        int i = 0;
        for (; i < query.length() && sb.length() < QUERY_CHARS; i++) {
            char ch = query.charAt(i);
            if (Character.isWhitespace(ch)) {
                space = sb.length() > 0;
                continue;
            }
            if (space) {
                sb.append(' ');
                space = false;
            }
            if (Character.isISOControl(ch)) {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return i < query.length() ? sb + "…" : sb.toString();
    }
}
