package io.dgas.store.runs;

import io.dgas.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Reads of stored signals (the prediction runs write them, {@link SignalWrites#insertSignals}); one statement each. */
public final class SignalReads {
    /** The columns {@link #stored} reads, from signals joined to their symbol; every signal read starts with it. */
    static final String SIGNALS_FROM = "SELECT g.id, g.run_id, y.ticker, g.timeframe, g.ts, g.signal_type,"
            + " g.entry_price, g.stop_loss, g.target_price, g.confidence, g.strength, g.alignment, g.tier,"
            + " g.reasons::text, g.win_probability, g.win_probability_lower, g.calibration_decided, g.expiry_bars,"
            + " g.expires_at, g.outcome, g.outcome_r, g.calibration_scope FROM signals g"
            + " JOIN symbols y ON y.id = g.symbol_id";

    private final Database db;

    public SignalReads(Database db) {
        this.db = db;
    }

    /**
     * {@link #signals}: newest first in the order of {@code signals_newest_idx} (V104), so a page is read by walking
     * that index and stopping, not by sorting every current signal ({@code SignalsListPlanIT}).
     */
    static final String FILTERED = filtered("");

    /**
     * {@link #FILTERED} of one run's signals: the run's condition written out, not a null test on a parameter, so that
     * a generic plan too reads them by {@code signals_run_idx} (a run's few signals, then sorted) rather than walking
     * the newest index past every later run's ({@code SignalsListPlanIT}).
     */
    static final String FILTERED_BY_RUN = filtered(" AND g.run_id = ?");

    private static String filtered(String run) {
        return SIGNALS_FROM + " WHERE g.superseded_at IS NULL"
                + " AND (?::text IS NULL OR y.ticker = ?) AND (?::text IS NULL OR g.timeframe = ?)"
                + " AND (?::timestamptz IS NULL OR g.ts >= ?)"
                + " AND g.confidence >= ? AND (?::text IS NULL OR g.signal_type IN (?, 'exit_' || ?))" + run
                + " ORDER BY g.ts DESC, g.confidence DESC, g.id DESC LIMIT ? OFFSET ?";
    }

    /** Stored signals matching {@code q}, newest first; one statement whatever the filters. */
    public List<StoredSignal> signals(SignalQuery q) {
        return db.query(
                q.run() == null ? "signals.filtered" : "signals.filtered-by-run",
                q.run() == null ? FILTERED : FILTERED_BY_RUN,
                ps -> {
                    Timestamp since = q.since() == null ? null : Timestamp.from(q.since());
                    ps.setString(1, q.symbol());
                    ps.setString(2, q.symbol());
                    ps.setString(3, q.timeframe());
                    ps.setString(4, q.timeframe());
                    ps.setTimestamp(5, since);
                    ps.setTimestamp(6, since);
                    ps.setDouble(7, q.minConfidence() == null ? 0 : q.minConfidence());
                    ps.setString(8, q.direction());
                    ps.setString(9, q.direction());
                    ps.setString(10, q.direction());
                    int at = 11;
                    if (q.run() != null) {
                        ps.setLong(at++, q.run());
                    }
                    ps.setInt(at, q.limit());
                    ps.setInt(at + 1, q.offset());
                },
                SignalReads::stored);
    }

    /** Entry signals created since {@code since}, oldest first (for calibration). */
    public List<StoredSignal> entrySignalsSince(Instant since) {
        return db.query(
                "signals.since",
                SIGNALS_FROM + " WHERE g.ts >= ? AND g.superseded_at IS NULL"
                        + " AND g.signal_type IN ('long', 'short') ORDER BY g.ts",
                ps -> ps.setTimestamp(1, Timestamp.from(since)),
                SignalReads::stored);
    }

    static StoredSignal stored(ResultSet rs) throws SQLException {
        return new StoredSignal(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getTimestamp(5).toInstant(),
                rs.getString(6),
                rs.getDouble(7),
                (Double) rs.getObject(8),
                (Double) rs.getObject(9),
                rs.getDouble(10),
                rs.getDouble(11),
                rs.getDouble(12),
                rs.getString(13),
                rs.getString(14),
                (Double) rs.getObject(15),
                (Double) rs.getObject(16),
                rs.getInt(17),
                (Integer) rs.getObject(18),
                rs.getTimestamp(19) == null ? null : rs.getTimestamp(19).toInstant(),
                rs.getString(20),
                (Double) rs.getObject(21),
                rs.getString(22));
    }
}
