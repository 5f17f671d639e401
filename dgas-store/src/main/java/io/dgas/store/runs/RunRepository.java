package io.dgas.store.runs;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.JsonColumns;
import io.dgas.store.SqlSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prediction runs: their records as they start, finish and are read ({@link SignalWrites} stores their signals). */
public final class RunRepository {
    /** The columns {@link #run} reads; every run read starts with it. */
    private static final String RUNS_FROM = "SELECT id, started_at, finished_at, htf_timeframe, trading_timeframe,"
            + " status, symbols_requested, symbols_processed, symbols_failed, signals_generated, load_ms, analyse_ms,"
            + " persist_ms, alerts_ms, duration_ms, errors::text, stale_symbols::text, instance, short_history::text,"
            + " settings::text FROM prediction_runs";

    private final Database db;

    public RunRepository(Database db) {
        this.db = db;
    }

    /** Ids of active symbols among {@code tickers}, one query. */
    public Map<String, Long> symbolIds(SqlSession s, Collection<String> tickers) {
        Map<String, Long> out = new HashMap<>();
        s.query(
                        "runs.symbol-ids",
                        "SELECT ticker, id FROM symbols WHERE ticker = ANY (?) AND deleted_at IS NULL",
                        ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", tickers.toArray())),
                        rs -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Tickers of the active universe (not deleted, status active), sorted. */
    public List<String> activeUniverse() {
        return db.query(
                "runs.universe",
                "SELECT ticker FROM symbols WHERE deleted_at IS NULL AND status = 'active' ORDER BY ticker",
                SqlSession.Binder.NONE,
                rs -> rs.getString(1));
    }

    /** Inserts a run row and returns its id. */
    public long insertRun(SqlSession s, RunRecord r) {
        return s.queryOne(
                        "runs.insert",
                        "INSERT INTO prediction_runs (started_at, finished_at, htf_timeframe, trading_timeframe, status,"
                                + " symbols_requested, symbols_processed, symbols_failed, symbols_stale,"
                                + " signals_generated, load_ms, analyse_ms, persist_ms, alerts_ms, duration_ms, errors,"
                                + " stale_symbols, instance, short_history, settings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                + " ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?::jsonb) RETURNING id",
                        ps -> {
                            ps.setTimestamp(1, Timestamp.from(r.startedAt()));
                            ps.setTimestamp(2, r.finishedAt() == null ? null : Timestamp.from(r.finishedAt()));
                            ps.setString(3, r.htf().code());
                            ps.setString(4, r.trading().code());
                            ps.setString(5, r.status().code());
                            ps.setInt(6, r.requested());
                            ps.setInt(7, r.processed());
                            ps.setInt(8, r.failed());
                            ps.setInt(9, r.staleSymbols().size());
                            ps.setInt(10, r.signals());
                            ps.setDouble(11, r.loadMs());
                            ps.setDouble(12, r.analyseMs());
                            ps.setDouble(13, r.persistMs());
                            ps.setDouble(14, r.alertsMs());
                            ps.setDouble(15, r.durationMs());
                            ps.setString(16, JsonColumns.write(errorList(r.errors())));
                            ps.setString(17, JsonColumns.write(r.staleSymbols()));
                            ps.setString(18, r.instance());
                            ps.setString(19, JsonColumns.write(errorList(r.shortHistory())));
                            ps.setString(20, settings(r));
                        },
                        rs -> rs.getLong(1))
                .orElseThrow();
    }

    /** Inserts a run that is starting (status running) with the number of batches it will wait for. */
    public long insertRunning(RunRecord r, int batches) {
        return db.inTransaction(s -> {
            long id = insertRun(s, r);
            s.update("runs.batches", "UPDATE prediction_runs SET batches_total = ? WHERE id = ?", ps -> {
                ps.setInt(1, batches);
                ps.setLong(2, id);
            });
            return id;
        });
    }

    /**
     * Closes as {@code abandoned} every run still {@code running} whose instance has not been seen since
     * {@code liveSince} (it died, or left) and that has no batch execution of {@code batchTask} left in db-scheduler's
     * table: nobody can finish it any more. A run whose batches are still scheduled is not touched (any instance
     * picks them up and finishes it). Returns the ids closed.
     */
    public List<Long> abandonOrphans(Instant now, Instant liveSince, String batchTask) {
        return db.query(
                "runs.abandon-orphans",
                "UPDATE prediction_runs r SET status = 'abandoned', finished_at = ? WHERE r.status = 'running'"
                        + " AND NOT EXISTS (SELECT 1 FROM scheduler_instances i WHERE i.name = r.instance"
                        + " AND i.last_seen >= ?) AND NOT EXISTS (SELECT 1 FROM scheduled_tasks t"
                        + " WHERE (t.task_name = ? OR t.task_name LIKE ? || ':%') AND t.task_instance LIKE r.id || '-%')"
                        + " RETURNING r.id",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setTimestamp(2, Timestamp.from(liveSince));
                    ps.setString(3, batchTask);
                    ps.setString(4, batchTask);
                },
                rs -> rs.getLong(1));
    }

    /**
     * Overwrites the figures of run {@code r.id()} (a distributed run finishing); returns its id. Its settings are
     * kept when {@code r} carries none.
     */
    public long updateRun(SqlSession s, RunRecord r) {
        s.update(
                "runs.update",
                "UPDATE prediction_runs SET finished_at = ?, status = ?, symbols_requested = ?, symbols_processed = ?,"
                        + " symbols_failed = ?, symbols_stale = ?, signals_generated = ?, load_ms = ?, analyse_ms = ?,"
                        + " persist_ms = ?, duration_ms = ?, errors = ?::jsonb, stale_symbols = ?::jsonb,"
                        + " short_history = ?::jsonb, settings = coalesce(?::jsonb, settings) WHERE id = ?",
                ps -> {
                    ps.setTimestamp(1, r.finishedAt() == null ? null : Timestamp.from(r.finishedAt()));
                    ps.setString(2, r.status().code());
                    ps.setInt(3, r.requested());
                    ps.setInt(4, r.processed());
                    ps.setInt(5, r.failed());
                    ps.setInt(6, r.staleSymbols().size());
                    ps.setInt(7, r.signals());
                    ps.setDouble(8, r.loadMs());
                    ps.setDouble(9, r.analyseMs());
                    ps.setDouble(10, r.persistMs());
                    ps.setDouble(11, r.durationMs());
                    ps.setString(12, JsonColumns.write(errorList(r.errors())));
                    ps.setString(13, JsonColumns.write(r.staleSymbols()));
                    ps.setString(14, JsonColumns.write(errorList(r.shortHistory())));
                    ps.setString(15, settings(r));
                    ps.setLong(16, r.id());
                });
        return r.id();
    }

    /**
     * Records the alert stage, the run's last, on a stored run: its time, and the run's total and finish time, which
     * then include it (the run was stored before its alerts were evaluated).
     */
    public void finishAlerts(long runId, double alertsMs, double durationMs, Instant finishedAt) {
        db.update(
                "runs.alerts-ms",
                "UPDATE prediction_runs SET alerts_ms = ?, duration_ms = ?, finished_at = ? WHERE id = ?",
                ps -> {
                    ps.setDouble(1, alertsMs);
                    ps.setDouble(2, durationMs);
                    ps.setTimestamp(3, Timestamp.from(finishedAt));
                    ps.setLong(4, runId);
                });
    }

    /** Runs started within {@code window} before {@code now}, newest first; slow = at least {@code minDurationMs}. */
    public List<RunRecord> recent(Instant now, Duration window, double minDurationMs) {
        return db.query(
                "runs.recent",
                RUNS_FROM + " WHERE started_at >= ? AND coalesce(duration_ms, 0) >= ? ORDER BY started_at DESC",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(now.minus(window)));
                    ps.setDouble(2, minDurationMs);
                },
                RunRepository::run);
    }

    /** When the first run ever recorded started, if any (the service's first cycle on this database). */
    public java.util.Optional<Instant> firstStart() {
        return db.queryOne(
                        "runs.first-start",
                        "SELECT min(started_at) FROM prediction_runs",
                        io.dgas.store.SqlSession.Binder.NONE,
                        rs -> rs.getTimestamp(1))
                .map(Timestamp::toInstant);
    }

    /** Runs newest first, at most {@code limit} from {@code offset}; one statement. */
    public List<RunRecord> page(int limit, int offset) {
        return db.query(
                "runs.page",
                RUNS_FROM + " ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?",
                ps -> {
                    ps.setInt(1, limit);
                    ps.setInt(2, offset);
                },
                RunRepository::run);
    }

    /**
     * The settings of runs {@code ids} ({@link RunRecord#settings}), in one statement; a run stored before settings were
     * kept maps to an empty map, an id that is no run is absent.
     */
    public Map<Long, Map<String, Object>> settings(java.util.Collection<Long> ids) {
        Map<Long, Map<String, Object>> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        db.query(
                "runs.settings",
                "SELECT id, settings::text FROM prediction_runs WHERE id = ANY (?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray())),
                rs -> out.put(rs.getLong(1), settingsOf(rs.getString(2))));
        return out;
    }

    /** The run with {@code id}, if any. */
    public java.util.Optional<RunRecord> find(long id) {
        return db.queryOne("runs.find", RUNS_FROM + " WHERE id = ?", ps -> ps.setLong(1, id), RunRepository::run);
    }

    private static RunRecord run(ResultSet rs) throws SQLException {
        Timestamp fin = rs.getTimestamp(3);
        return new RunRecord(
                rs.getLong(1),
                rs.getTimestamp(2).toInstant(),
                fin == null ? null : fin.toInstant(),
                Timeframe.parse(rs.getString(4)),
                Timeframe.parse(rs.getString(5)),
                RunStatus.valueOf(rs.getString(6).toUpperCase(Locale.ROOT)),
                rs.getInt(7),
                rs.getInt(8),
                rs.getInt(9),
                rs.getInt(10),
                rs.getDouble(11),
                rs.getDouble(12),
                rs.getDouble(13),
                rs.getDouble(14),
                rs.getDouble(15),
                errorMap(rs.getString(16)),
                JsonColumns.read(rs.getString(17), new TypeReference<List<String>>() {}),
                rs.getString(18),
                errorMap(rs.getString(19)),
                settingsOf(rs.getString(20)));
    }

    private static Map<String, Object> settingsOf(String json) {
        return json == null ? Map.of() : JsonColumns.read(json, new TypeReference<Map<String, Object>>() {});
    }

    /** The settings column of {@code r}: null when it carries none (kept by an update, see {@link #updateRun}). */
    private static String settings(RunRecord r) {
        return r.settings().isEmpty() ? null : JsonColumns.write(r.settings());
    }

    private static List<Map<String, String>> errorList(Map<String, String> errors) {
        List<Map<String, String>> out = new ArrayList<>();
        errors.forEach((sym, msg) -> out.add(Map.of("symbol", sym, "error", msg)));
        return out;
    }

    private static Map<String, String> errorMap(String json) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Map<String, String> e : JsonColumns.read(json, new TypeReference<List<Map<String, String>>>() {})) {
            out.put(e.get("symbol"), e.get("error"));
        }
        return out;
    }
}
