package io.dgas.store.monitor;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Server-side figures of the current database from the statistics views: size, connections, cache hits. */
public final class DatabaseActivity {
    private final Database db;

    public DatabaseActivity(Database db) {
        this.db = db;
    }

    /** Connections to this database by state ({@code active}, {@code idle}, {@code idle in transaction}, …). */
    public Map<String, Long> connectionsByState() {
        Map<String, Long> out = new LinkedHashMap<>();
        db.query(
                        "activity.connections",
                        "SELECT coalesce(state, 'background') AS state, count(*) FROM pg_stat_activity"
                                + " WHERE datname = current_database() GROUP BY 1 ORDER BY 2 DESC",
                        SqlSession.Binder.NONE,
                        rs -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * The client connections of the whole server by who holds them, most first, with the server's limit: a pool that
     * leaks or an application that opens too many shows here before {@code max_connections} refuses the next one.
     *
     * @param total every connection of the server (all databases, server processes not counted)
     * @param max the server's {@code max_connections}
     */
    public record Connections(long total, long max, List<ConnectionGroup> groups) {}

    /** Connections of one database, user, application, client address and state ({@code client} null: a socket). */
    public record ConnectionGroup(
            String database, String user, String application, String client, String state, long count) {}

    public Connections connectionsBySource() {
        List<ConnectionGroup> groups = db.query(
                "activity.connections-by-source",
                "SELECT datname, usename, application_name, host(client_addr), coalesce(state, 'unknown'), count(*)"
                        + " FROM pg_stat_activity WHERE backend_type = 'client backend'"
                        + " GROUP BY 1, 2, 3, 4, 5 ORDER BY 6 DESC, 1, 2, 3, 4, 5",
                SqlSession.Binder.NONE,
                rs -> new ConnectionGroup(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6)));
        long max = db.queryOne(
                        "activity.max-connections",
                        "SELECT current_setting('max_connections')::int8",
                        SqlSession.Binder.NONE,
                        rs -> rs.getLong(1))
                .orElse(0L);
        return new Connections(groups.stream().mapToLong(ConnectionGroup::count).sum(), max, groups);
    }

    /** {@link #connectionsByState} as "active 1, idle 4" (most first), or "none". */
    public static String describe(Map<String, Long> byState) {
        java.util.StringJoiner j = new java.util.StringJoiner(", ");
        byState.forEach((state, n) -> j.add(state + " " + n));
        return j.length() == 0 ? "none" : j.toString();
    }

    /** Statements running for at least {@code minSeconds}, longest first (text cut to 200 characters). */
    public List<LongQuery> longRunning(int minSeconds) {
        return db.query(
                "activity.long-running",
                "SELECT pid, extract(epoch FROM now() - query_start), state, left(query, 200) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid()"
                        + " AND query_start < now() - make_interval(secs => ?) ORDER BY query_start",
                ps -> ps.setInt(1, minSeconds),
                rs -> new LongQuery(rs.getInt(1), rs.getDouble(2), rs.getString(3), rs.getString(4)));
    }

    /** Bytes used by the current database. */
    public long sizeBytes() {
        return db.queryOne(
                        "activity.size",
                        "SELECT pg_database_size(current_database())",
                        SqlSession.Binder.NONE,
                        rs -> rs.getLong(1))
                .orElse(0L);
    }

    /**
     * Blocks of the user tables and their indexes found in shared buffers ({@code hits}) and read from outside them
     * ({@code reads}) since the database's statistics began.
     */
    public record BlockAccess(long hits, long reads) {
        public long total() {
            return hits + reads;
        }

        /** hits / total, 1 when nothing was read yet. */
        public double ratio() {
            return total() == 0 ? 1.0 : (double) hits / total();
        }
    }

    /** The block accesses behind the cache hit ratio. */
    public BlockAccess blockAccess() {
        return db.queryOne(
                        "activity.hit-ratio",
                        "SELECT coalesce(sum(heap_blks_hit + coalesce(idx_blks_hit, 0)), 0)::int8,"
                                + " coalesce(sum(heap_blks_read + coalesce(idx_blks_read, 0)), 0)::int8"
                                + " FROM pg_statio_user_tables",
                        SqlSession.Binder.NONE,
                        rs -> new BlockAccess(rs.getLong(1), rs.getLong(2)))
                .orElse(new BlockAccess(0, 0));
    }

    /** Share of block accesses served from shared buffers (1 when there were none). */
    public double cacheHitRatio() {
        return blockAccess().ratio();
    }

    /** Transactions left before wraparound protection for the oldest database on the server. */
    public long wraparoundMargin() {
        return db.queryOne(
                        "activity.wraparound",
                        "SELECT 2147483647 - max(age(datfrozenxid)) FROM pg_database",
                        SqlSession.Binder.NONE,
                        rs -> rs.getLong(1))
                .orElse(Long.MAX_VALUE);
    }

    /** A statement that has been running a long time. */
    public record LongQuery(int pid, double seconds, String state, String query) {}
}
