package io.dgas.store.runs;

import io.dgas.calc.drummond.Calibration;
import io.dgas.calc.drummond.CalibrationTable;
import io.dgas.calc.drummond.Signal;
import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * <b>[C]</b> Outcomes of stored entry signals (drummond.md §7) and the calibration they feed: the cycle records what
 * became of each signal with {@link Calibration#resolve} and every new signal's win probability comes from the
 * decided outcomes recorded so far. Superseded signals are neither resolved nor counted.
 */
public final class SignalOutcomes {
    private final Database db;

    public SignalOutcomes(Database db) {
        this.db = db;
    }

    /**
     * An outcome to record.
     *
     * @param id signal id
     * @param outcome its outcome
     * @param r profit in R, NaN without an exit
     */
    public record Recorded(long id, Calibration.Outcome outcome, double r) {}

    /**
     * Entry signals at or after {@code since} with an expiry and no final outcome yet (none or pending) whose whole
     * window has closed by {@code now}, oldest first. The window ends with the bar after max({@code windowSeconds},
     * expiry + 1 bars), the horizon of {@code Calibration.horizonBars}; the bar length is (expires_at − ts) / (expiry
     * + 1). Resolving only then keeps a signal from being read again at every cycle while it runs.
     */
    public List<StoredSignal> due(Instant since, Instant now, long windowSeconds) {
        return db.query(
                "signals.due",
                SignalReads.SIGNALS_FROM + " WHERE g.ts >= ? AND g.superseded_at IS NULL"
                        + " AND g.signal_type IN ('long', 'short') AND (g.outcome IS NULL OR g.outcome = 'pending')"
                        + " AND g.expires_at IS NOT NULL AND greatest(g.ts + make_interval(secs => ?), g.expires_at)"
                        + " + (g.expires_at - g.ts) / (g.expiry_bars + 1) <= ? ORDER BY g.ts",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(since));
                    ps.setDouble(2, windowSeconds);
                    ps.setTimestamp(3, Timestamp.from(now));
                },
                SignalReads::stored);
    }

    /** Writes {@code outcomes} as resolved at {@code at}; one statement whatever the count. */
    public int record(List<Recorded> outcomes, Instant at) {
        if (outcomes.isEmpty()) {
            return 0;
        }
        int n = outcomes.size();
        Long[] id = new Long[n];
        String[] outcome = new String[n];
        Double[] r = new Double[n];
        for (int i = 0; i < n; i++) {
            Recorded o = outcomes.get(i);
            id[i] = o.id();
            outcome[i] = o.outcome().name().toLowerCase(Locale.ROOT);
            r[i] = Double.isFinite(o.r()) ? o.r() : null;
        }
        return db.update(
                "signals.record-outcomes",
                "UPDATE signals g SET outcome = u.o, outcome_r = u.r, resolved_at = ?"
                        + " FROM unnest(?::bigint[], ?::text[], ?::float8[]) AS u(id, o, r) WHERE g.id = u.id",
                ps -> {
                    java.sql.Connection c = ps.getConnection();
                    ps.setTimestamp(1, Timestamp.from(at));
                    ps.setArray(2, c.createArrayOf("bigint", id));
                    ps.setArray(3, c.createArrayOf("text", outcome));
                    ps.setArray(4, c.createArrayOf("float8", r));
                });
    }

    /**
     * Decided outcomes of one signal type in one score decile.
     *
     * @param type {@code long} or {@code short}
     * @param decile score decile 0..9, as {@link CalibrationTable#decile}
     * @param wins wins
     * @param losses losses
     */
    public record DecileCount(String type, int decile, int wins, int losses) implements java.io.Serializable {}

    /**
     * Every decided (win or loss) outcome recorded so far, counted by type and score decile over every setting; at
     * most 20 rows. The counts are kept as signals are written ({@code signal_calibration}, V103, per settings since
     * V109), so this reads a row per settings and cell however many signals are stored.
     */
    public List<DecileCount> decided(SqlSession s) {
        return s.query(
                "signals.decided",
                "SELECT signal_type, decile, sum(wins)::bigint, sum(losses)::bigint FROM signal_calibration"
                        + " GROUP BY 1, 2 HAVING sum(wins + losses) > 0 ORDER BY 1, 2",
                SqlSession.Binder.NONE,
                rs -> new DecileCount(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)));
    }

    /** {@link #decided} in its own session. */
    public List<DecileCount> decided() {
        return db.withSession(this::decided);
    }

    /** The calibration table of {@code counts}. */
    public static CalibrationTable table(List<DecileCount> counts, int minDecided) {
        CalibrationTable table = new CalibrationTable(minDecided);
        for (DecileCount c : counts) {
            table.add(Signal.Type.valueOf(c.type().toUpperCase(Locale.ROOT)), c.decile(), c.wins(), c.losses());
        }
        return table;
    }

    /**
     * The decided outcomes of signals made with one set of settings ({@code own}) and of every setting ({@code all}),
     * by type and score decile.
     */
    public record Counts(List<DecileCount> own, List<DecileCount> all) implements java.io.Serializable {
        /**
         * <b>[C]</b> The calibration table of {@link #own}, falling back to {@link #all}'s where a decile of its own
         * holds fewer than {@code minDecided} ({@link CalibrationTable#withFallback}).
         */
        public CalibrationTable table(int minDecided) {
            return SignalOutcomes.table(own, minDecided).withFallback(SignalOutcomes.table(all, minDecided));
        }
    }

    /**
     * {@code settings} (a run's, as {@code RunRecord#settings} stores them) as the JSON {@link #counts} takes; null when
     * empty (not recorded). Made once by whoever calibrates with the same settings again and again.
     */
    public static String settingsJson(Map<String, Object> settings) {
        return settings.isEmpty() ? null : io.dgas.store.JsonColumns.write(settings);
    }

    /**
     * The {@link Counts} of the settings {@code settingsJson} ({@link #settingsJson}; null: not recorded); one
     * statement of at most 20 rows. Settings are told apart as the database keys runs ({@code dgas_settings_key},
     * V109): by their JSON without {@code signals.min_calibrated}.
     */
    public Counts counts(SqlSession s, String settingsJson) {
        List<DecileCount> own = new java.util.ArrayList<>();
        List<DecileCount> all = new java.util.ArrayList<>();
        s.query(
                "signals.calibration",
                "WITH k AS (SELECT dgas_settings_key(?::jsonb) AS key) SELECT c.signal_type, c.decile,"
                        + " coalesce(sum(c.wins) FILTER (WHERE c.settings_key = k.key), 0)::bigint,"
                        + " coalesce(sum(c.losses) FILTER (WHERE c.settings_key = k.key), 0)::bigint,"
                        + " sum(c.wins)::bigint, sum(c.losses)::bigint FROM signal_calibration c, k GROUP BY 1, 2"
                        + " HAVING sum(c.wins + c.losses) > 0 ORDER BY 1, 2",
                ps -> ps.setString(1, settingsJson),
                rs -> {
                    own.add(new DecileCount(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)));
                    all.add(new DecileCount(rs.getString(1), rs.getInt(2), rs.getInt(5), rs.getInt(6)));
                    return Boolean.TRUE;
                });
        return new Counts(List.copyOf(own), List.copyOf(all));
    }

    /** {@link #counts} in its own session. */
    public Counts counts(String settingsJson) {
        return db.withSession(s -> counts(s, settingsJson));
    }
}
