package io.dgas.store.monitor;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import io.dgas.store.UnableToExecuteStatementException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server-side truth from {@code pg_stat_statements}: periodic snapshots of its cumulative counters, and the deltas
 * over a look-back window, joined to dgas statement names through the {@code /* dgas:<name> *&#47;} comment.
 *
 * <p>Design notes: the view is never reset (other tools rely on it). A delta is the live counters minus the baseline
 * snapshot of the window ({@link #window}): the newest one taken at or before the window start, so a look-back is a
 * difference of stored snapshots across restarts and instances. When no snapshot is that old the baseline is the
 * oldest one inside the window (or none: totals since the server's statistics began), and {@link Window#complete}
 * says so instead of passing that off as the window. A statement first seen after the baseline counts from zero, and
 * a counter that went down (someone else reset the view) counts from zero too, so deltas are never negative.
 */
public final class PgStatStatements {
    private static final Pattern NAME = Pattern.compile("/\\* dgas:([a-z0-9][a-z0-9_.-]*) \\*/");

    /** The live counters of this database's statements in {@code view}, the extension's view as its schema names it. */
    private static String live(String view) {
        return "SELECT s.queryid, s.query, s.calls, s.total_exec_time, s.rows, s.shared_blks_hit, s.shared_blks_read"
                + " FROM " + view + " s JOIN pg_database d ON d.oid = s.dbid"
                + " WHERE d.datname = current_database() AND s.queryid IS NOT NULL";
    }

    /** How long {@link #record} keeps snapshots: the longest look-back anyone asks for (7 d) plus a day. */
    public static final Duration KEEP = Duration.ofDays(8);

    private final Database db;

    /**
     * The look-back window a delta really covers.
     *
     * @param from the requested start (now minus the look-back)
     * @param baseline when the snapshot subtracted was taken; null when there is none (totals since the server's
     *     statistics began)
     * @param complete whether the baseline is at or before {@code from}, i.e. the delta covers the whole window
     */
    public record Window(Instant from, Instant baseline, boolean complete) {}

    public PgStatStatements(Database db) {
        this.db = db;
    }

    /** Whether the extension exists in this database and answers ({@link #usable}). */
    public boolean available() {
        return liveView().isPresent();
    }

    /** {@link #view} on a session of its own; empty when the extension does not answer. */
    private Optional<String> liveView() {
        try {
            return db.withSession(PgStatStatements::view);
        } catch (UnableToExecuteStatementException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the extension is installed in this database and answers on session {@code s} (outside a transaction): a
     * server that does not preload it refuses to read the view. Probed, not judged from {@code
     * shared_preload_libraries}, which only superusers and members of {@code pg_read_all_settings} may read: a managed
     * server's ordinary role has the extension and not that right (its {@code dgas status} failed on the setting).
     */
    public static boolean usable(SqlSession s) {
        return view(s).isPresent();
    }

    /**
     * The extension's view qualified by the schema it was installed in (from the catalog, quoted), when it answers:
     * found whatever the search path (a {@code currentSchema=dgas} URL leaves {@code public} out of it).
     */
    private static Optional<String> view(SqlSession s) {
        // pg_settings shows the preload list to those who may read it (no row, not an error, to others): a list
        // without the extension spares the probe's ERROR in the server's log at every snapshot
        Optional<String> view = s.queryOne(
                        "pss.installed",
                        "SELECT quote_ident(n.nspname) || '.pg_stat_statements', (SELECT setting FROM pg_settings"
                                + " WHERE name = 'shared_preload_libraries') FROM pg_extension e"
                                + " JOIN pg_namespace n ON n.oid = e.extnamespace"
                                + " WHERE e.extname = 'pg_stat_statements'",
                        SqlSession.Binder.NONE,
                        rs -> rs.getString(2) == null || rs.getString(2).contains("pg_stat_statements")
                                ? rs.getString(1)
                                : null)
                .filter(v -> v != null);
        if (view.isEmpty()) {
            return view;
        }
        try {
            s.query("pss.probe", "SELECT 1 FROM " + view.get() + " LIMIT 1", SqlSession.Binder.NONE, rs -> 1);
            return view;
        } catch (UnableToExecuteStatementException e) {
            return Optional.empty();
        }
    }

    /**
     * The text of statement {@code queryid} as the extension keeps it (constants as parameters, {@code $1}); empty when
     * the extension does not answer or holds no such statement (any more).
     */
    public Optional<String> text(long queryid) {
        return liveView()
                .flatMap(view -> db.queryOne(
                        "pss.text",
                        "SELECT query FROM " + view + " WHERE queryid = ? AND dbid = (SELECT oid FROM pg_database"
                                + " WHERE datname = current_database()) LIMIT 1",
                        ps -> ps.setLong(1, queryid),
                        rs -> rs.getString(1)));
    }

    /** Copies the live counters into {@code query_stat_snapshots}; returns the rows written (0 when unavailable). */
    public int snapshot(Instant at) {
        Optional<String> view = liveView();
        if (view.isEmpty()) {
            return 0;
        }
        return db.update(
                "pss.snapshot",
                "INSERT INTO query_stat_snapshots (taken_at, queryid, name, query, calls, total_exec_ms, rows,"
                        + " shared_blks_hit, shared_blks_read) SELECT ?, queryid,"
                        + " substring(query from '/\\* dgas:([a-z0-9][a-z0-9_.-]*) \\*/'), query, calls,"
                        + " total_exec_time, rows, shared_blks_hit, shared_blks_read FROM (" + live(view.get())
                        + ") live"
                        + " ON CONFLICT (queryid, taken_at) DO NOTHING",
                ps -> ps.setTimestamp(1, Timestamp.from(at)));
    }

    /** Deletes snapshots older than {@code keep}; returns the rows removed. */
    public int prune(Instant now, Duration keep) {
        return db.update(
                "pss.prune",
                "DELETE FROM query_stat_snapshots WHERE taken_at < ?",
                ps -> ps.setTimestamp(1, Timestamp.from(now.minus(keep))));
    }

    /** The scheduled job: a snapshot now, then snapshots older than {@link #KEEP} removed. */
    public int record(Instant now) {
        int rows = snapshot(now);
        prune(now, KEEP);
        return rows;
    }

    /** The baseline snapshot {@link #top} subtracts for the window ending {@code now}. */
    public Window window(Instant now, Duration lookback) {
        Instant from = now.minus(lookback);
        Instant before = db.queryOne(
                        "pss.baseline",
                        "SELECT max(taken_at) FROM query_stat_snapshots WHERE taken_at <= ?",
                        ps -> ps.setTimestamp(1, Timestamp.from(from)),
                        PgStatStatements::instantOrNull)
                .orElse(null);
        if (before != null) {
            return new Window(from, before, true);
        }
        Instant inside = db.queryOne(
                        "pss.baseline-inside",
                        "SELECT min(taken_at) FROM query_stat_snapshots WHERE taken_at > ? AND taken_at <= ?",
                        ps -> {
                            ps.setTimestamp(1, Timestamp.from(from));
                            ps.setTimestamp(2, Timestamp.from(now));
                        },
                        PgStatStatements::instantOrNull)
                .orElse(null);
        return new Window(from, inside, false);
    }

    /**
     * Statements by total time over the window ending now (live counters minus the {@link #window} baseline), at
     * most {@code limit}; empty when unavailable.
     *
     * @param minCalls only statements called at least this often in the window
     * @param minMeanMs only statements whose mean is at least this
     */
    public List<ServerStatement> top(Instant now, Duration lookback, int limit, long minCalls, double minMeanMs) {
        Optional<String> view = liveView();
        if (view.isEmpty()) {
            return List.of();
        }
        Instant baseline = window(now, lookback).baseline();
        String sql = "WITH live AS (" + live(view.get()) + "), base AS (SELECT queryid, calls,"
                + " total_exec_ms, rows, shared_blks_hit, shared_blks_read FROM query_stat_snapshots"
                + " WHERE taken_at = ?),"
                + " delta AS (SELECT l.queryid, l.query,"
                + " CASE WHEN b.calls IS NULL OR l.calls < b.calls THEN l.calls ELSE l.calls - b.calls END AS calls,"
                + " CASE WHEN b.calls IS NULL OR l.calls < b.calls THEN l.total_exec_time"
                + " ELSE l.total_exec_time - b.total_exec_ms END AS total_ms,"
                + " CASE WHEN b.calls IS NULL OR l.calls < b.calls THEN l.rows ELSE l.rows - b.rows END AS rows,"
                + " CASE WHEN b.calls IS NULL OR l.calls < b.calls THEN l.shared_blks_hit"
                + " ELSE l.shared_blks_hit - b.shared_blks_hit END AS hit,"
                + " CASE WHEN b.calls IS NULL OR l.calls < b.calls THEN l.shared_blks_read"
                + " ELSE l.shared_blks_read - b.shared_blks_read END AS read"
                + " FROM live l LEFT JOIN base b ON b.queryid = l.queryid)"
                + " SELECT queryid, query, calls, total_ms, rows, hit, read FROM delta"
                + " WHERE calls >= ? AND calls > 0 AND total_ms / calls >= ? ORDER BY total_ms DESC LIMIT ?";
        return db.query(
                "pss.top",
                sql,
                ps -> {
                    // no baseline: a time no snapshot has, so the delta is the live totals (flagged by window())
                    ps.setTimestamp(1, Timestamp.from(baseline == null ? Instant.EPOCH : baseline));
                    ps.setLong(2, minCalls);
                    ps.setDouble(3, minMeanMs);
                    ps.setInt(4, limit);
                },
                rs -> {
                    long hit = rs.getLong(6);
                    long read = rs.getLong(7);
                    String query = rs.getString(2);
                    return new ServerStatement(
                            rs.getLong(1),
                            nameOf(query),
                            query,
                            rs.getLong(3),
                            rs.getDouble(4),
                            rs.getLong(5),
                            hit + read == 0 ? 1.0 : (double) hit / (hit + read));
                });
    }

    private static Instant instantOrNull(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp t = rs.getTimestamp(1);
        return t == null ? null : t.toInstant();
    }

    /** The dgas statement name in {@code sql}'s leading comment, or null. */
    public static String nameOf(String sql) {
        Matcher m = NAME.matcher(sql == null ? "" : sql);
        return m.find() ? m.group(1) : null;
    }
}
