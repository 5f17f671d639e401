package io.dgas.store.runs;

import io.dgas.calc.drummond.Signal;
import io.dgas.calc.format.ReasonsJson;
import io.dgas.domain.Timeframe;
import io.dgas.store.SqlSession;
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
 * The signals a prediction run stores, in the run's transaction ({@link SignalReads} reads them).
 *
 * <p>Every write takes a constant number of statements whatever the number of signals (arrays bound once and
 * {@code unnest}ed by the server), so a cycle's statement count does not grow with the size of its batches.
 */
public final class SignalWrites {
    private SignalWrites() {}

    /** Lower-case stored code of a signal type. */
    public static String code(Signal.Type type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Stores {@code signals} of run {@code runId}, applying the aggregation window against signals already stored: a
     * signal at most {@code window} after the newest kept one of the same (symbol, type) supersedes it only when more
     * confident, and is dropped otherwise. Three statements whatever the count. Returns the signals stored.
     */
    public static List<Signal> insertSignals(
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

    private static void insertAll(SqlSession s, long runId, Timeframe tf, List<Signal> list, Map<String, Long> ids) {
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
        String[] scope = new String[n];
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
            scope[i] = g.probability().scope();
            boolean lapses = g.expiryBars() != Signal.NO_EXPIRY;
            expiry[i] = lapses ? g.expiryBars() : null;
            expires[i] = lapses ? Timestamp.from(expiresAt(g, tf)) : null;
        }
        s.update(
                "signals.insert-many",
                "INSERT INTO signals (run_id, symbol_id, timeframe, ts, signal_type, entry_price, stop_loss,"
                        + " target_price, confidence, strength, alignment, tier, reasons, win_probability,"
                        + " win_probability_lower, calibration_decided, calibration_scope, expiry_bars, expires_at)"
                        + " SELECT ?, u.sym, ?, u.ts, u.typ, u.entry, u.stop, u.target, u.conf, u.strength, u.align,"
                        + " u.tier, u.reasons::jsonb, u.prob, u.lb, u.decided, u.scope, u.expiry, u.expires"
                        + " FROM unnest(?::bigint[], ?::timestamptz[], ?::text[], ?::float8[], ?::float8[],"
                        + " ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::text[], ?::text[], ?::float8[],"
                        + " ?::float8[], ?::int[], ?::text[], ?::int[], ?::timestamptz[]) AS u(sym, ts, typ, entry,"
                        + " stop, target, conf, strength, align, tier, reasons, prob, lb, decided, scope, expiry,"
                        + " expires)",
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
                    ps.setArray(17, c.createArrayOf("text", scope));
                    ps.setArray(18, c.createArrayOf("int4", expiry));
                    ps.setArray(19, c.createArrayOf("timestamptz", expires));
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

    private static Map<String, Kept> recentKept(SqlSession s, Collection<Long> symbolIds, Instant since) {
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
}
