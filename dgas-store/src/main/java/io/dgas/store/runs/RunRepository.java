package io.dgas.store.runs;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dgas.calc.drummond.Signal;
import io.dgas.calc.format.ReasonsJson;
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

/**
 * Prediction runs and the signals they store ({@link SignalReads} reads the signals).
 *
 * <p>Every write takes a constant number of statements whatever the number of signals (arrays bound once and
 * {@code unnest}ed by the server), so a cycle's statement count does not grow with the size of its batches.
 */
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

    /**
     * Stores {@code signals} of run {@code runId}, applying the aggregation window against signals already stored: a
     * signal at most {@code window} after the newest kept one of the same (symbol, type) supersedes it only when more
     * confident, and is dropped otherwise. Three statements whatever the count. Returns the signals stored.
     */
    public List<Signal> insertSignals(
            SqlSession s, long runId, Timeframe tf, List<Signal> signals, Map<String, Long> ids, Duration window) {
        if (signals.isEmpty()) {
            return List.of();
        }
        long oldest = signals.stream().mapToLong(Signal::ts).min().orElseThrow();
        Map<String, Kept> kept =
                recentKept(s, ids.values(), Instant.ofEpochSecond(oldest).minus(window));
        List<Signal> stored = new ArrayList<>();
        List<Long> superseded = new ArrayList<>();
        for (Signal sig : signals) {
            Kept k = kept.get(sig.symbol() + '\u0000' + code(sig.type()));
            boolean inWindow = k != null && sig.ts() >= k.ts && sig.ts() - k.ts <= window.toSeconds();
            if (inWindow && sig.confidence() <= k.confidence) {
                continue;
            }
            if (inWindow) {
                superseded.add(k.id);
            }
            stored.add(sig);
        }
        if (!superseded.isEmpty()) {
            s.update(
                    "signals.supersede",
                    "UPDATE signals SET superseded_at = now() WHERE id = ANY (?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", superseded.toArray())));
        }
        if (!stored.isEmpty()) {
            insertAll(s, runId, tf, stored, ids);
        }
        return stored;
    }

    private void insertAll(SqlSession s, long runId, Timeframe tf, List<Signal> list, Map<String, Long> ids) {
        int n = list.size();
        Long[] sym = new Long[n];
        Timestamp[] ts = new Timestamp[n];
        String[] type = new String[n];
        Double[] entry = new Double[n];
        Double[] stop = new Double[n];
        Double[] target = new Double[n];
        Double[] conf = new Double[n];
        Double[] strength = new Double[n];
        Double[] align = new Double[n];
        String[] tier = new String[n];
        String[] reasons = new String[n];
        Double[] prob = new Double[n];
        Double[] lowerBound = new Double[n];
        Integer[] decided = new Integer[n];
        Integer[] expiry = new Integer[n];
        Timestamp[] expires = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            Signal g = list.get(i);
            sym[i] = ids.get(g.symbol());
            ts[i] = Timestamp.from(Instant.ofEpochSecond(g.ts()));
            type[i] = code(g.type());
            entry[i] = g.entry();
            stop[i] = Double.isNaN(g.stop()) ? null : g.stop();
            target[i] = Double.isNaN(g.target()) ? null : g.target();
            conf[i] = g.confidence();
            strength[i] = Math.max(0, Math.min(1, g.strength()));
            align[i] = Math.max(0, Math.min(1, g.alignment()));
            tier[i] = g.tier() == Signal.Tier.NONE ? null : g.tier().name().toLowerCase(Locale.ROOT);
            reasons[i] = ReasonsJson.of(g);
            prob[i] = g.probability().calibrated() ? g.probability().rate() : null;
            lowerBound[i] = g.probability().calibrated() ? g.probability().lowerBound() : null;
            decided[i] = g.probability().decided();
            boolean lapses = g.expiryBars() != Signal.NO_EXPIRY;
            expiry[i] = lapses ? g.expiryBars() : null;
            expires[i] = lapses ? Timestamp.from(expiresAt(g, tf)) : null;
        }
        s.update(
                "signals.insert-many",
                "INSERT INTO signals (run_id, symbol_id, timeframe, ts, signal_type, entry_price, stop_loss,"
                        + " target_price, confidence, strength, alignment, tier, reasons, win_probability,"
                        + " win_probability_lower, calibration_decided, expiry_bars, expires_at) SELECT ?, u.sym, ?,"
                        + " u.ts, u.typ, u.entry, u.stop, u.target, u.conf, u.strength, u.align, u.tier,"
                        + " u.reasons::jsonb, u.prob, u.lb, u.decided, u.expiry, u.expires"
                        + " FROM unnest(?::bigint[], ?::timestamptz[], ?::text[], ?::float8[], ?::float8[],"
                        + " ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::text[], ?::text[], ?::float8[],"
                        + " ?::float8[], ?::int[], ?::int[], ?::timestamptz[]) AS u(sym, ts, typ, entry, stop, target,"
                        + " conf, strength, align, tier, reasons, prob, lb, decided, expiry, expires)",
                ps -> {
                    ps.setLong(1, runId);
                    ps.setString(2, tf.code());
                    java.sql.Connection c = ps.getConnection();
                    ps.setArray(3, c.createArrayOf("bigint", sym));
                    ps.setArray(4, c.createArrayOf("timestamptz", ts));
                    ps.setArray(5, c.createArrayOf("text", type));
                    ps.setArray(6, c.createArrayOf("float8", entry));
                    ps.setArray(7, c.createArrayOf("float8", stop));
                    ps.setArray(8, c.createArrayOf("float8", target));
                    ps.setArray(9, c.createArrayOf("float8", conf));
                    ps.setArray(10, c.createArrayOf("float8", strength));
                    ps.setArray(11, c.createArrayOf("float8", align));
                    ps.setArray(12, c.createArrayOf("text", tier));
                    ps.setArray(13, c.createArrayOf("text", reasons));
                    ps.setArray(14, c.createArrayOf("float8", prob));
                    ps.setArray(15, c.createArrayOf("float8", lowerBound));
                    ps.setArray(16, c.createArrayOf("int4", decided));
                    ps.setArray(17, c.createArrayOf("int4", expiry));
                    ps.setArray(18, c.createArrayOf("timestamptz", expires));
                });
    }

    /**
     * <b>[C]</b> End of the last bar in which the entry of {@code g} may fill: its bar's start + (expiry + 1) bars of
     * {@code tf}, a calendar estimate (sessions and weekends are not skipped).
     */
    public static Instant expiresAt(Signal g, Timeframe tf) {
        return Instant.ofEpochSecond(g.ts() + (g.expiryBars() + 1L) * tf.seconds());
    }

    private record Kept(long id, long ts, double confidence) {}

    private Map<String, Kept> recentKept(SqlSession s, Collection<Long> symbolIds, Instant since) {
        Map<String, Kept> out = new HashMap<>();
        s.query(
                        "signals.recent-kept",
                        "SELECT DISTINCT ON (g.symbol_id, g.signal_type) y.ticker, g.signal_type, g.id,"
                                + " extract(epoch FROM g.ts)::bigint, g.confidence FROM signals g"
                                + " JOIN symbols y ON y.id = g.symbol_id WHERE g.symbol_id = ANY (?) AND g.ts >= ?"
                                + " AND g.superseded_at IS NULL ORDER BY g.symbol_id, g.signal_type, g.ts DESC",
                        ps -> {
                            ps.setArray(1, ps.getConnection().createArrayOf("bigint", symbolIds.toArray()));
                            ps.setTimestamp(2, Timestamp.from(since));
                        },
                        rs -> Map.entry(
                                rs.getString(1) + '\u0000' + rs.getString(2),
                                new Kept(rs.getLong(3), rs.getLong(4), rs.getDouble(5))))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
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

    /** Lower-case stored code of a signal type. */
    public static String code(Signal.Type type) {
        return type.name().toLowerCase(Locale.ROOT);
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
