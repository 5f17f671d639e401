package io.dgas.store.bars;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import io.dgas.store.events.BarsEvents;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.InvalidInputException;
import io.dgas.store.partition.Partitions;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds higher-timeframe bars from lower ones (or from ticks) in set-based SQL: one statement per target timeframe
 * covering every requested symbol.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>Buckets are UTC-aligned ({@link Timeframe#bucketStart}): intraday on multiples of their length, {@code 1d} at
 *       00:00 UTC, {@code 1w} on Monday 00:00 UTC. With a {@link Session}, {@code 1d}/{@code 1w} buckets hold only the
 *       bars inside the session, stamped at the session date (or its week's Monday) 00:00 UTC; intraday targets
 *       ignore the session.
 *   <li>A bucket is complete once source data exists at or after its end (for a session day: its close). Only
 *       complete buckets are written, unless {@code includePartial}: then the forming bucket is written with {@code
 *       is_partial = true} and replaced by the complete one on a later run.
 *   <li>open = first source open, close = last close, high = max, low = min, volume = sum, trade_count = sum (ticks:
 *       the number of trades). Soft-deleted and partial source rows are ignored.
 *   <li>Idempotent: unchanged buckets are not rewritten; a soft-deleted target bucket that is written again is
 *       restored, as with ingest.
 * </ul>
 */
public final class BarRollup {
    private static final String MONDAY = "TIMESTAMPTZ '1970-01-05 00:00:00+00'";

    private final Database db;
    private final IngestListener listener;
    private final EventPublisher events;

    /** A rollup that announces every series it wrote ({@code bars} events) in the committing transaction. */
    public BarRollup(Database db, IngestListener listener) {
        this(db, listener, EventPublisher.postgres(db));
    }

    private BarRollup(Database db, IngestListener listener, EventPublisher events) {
        this.db = db;
        this.listener = listener;
        this.events = events;
    }

    /** The same rollup announcing through {@code publisher} ({@link EventPublisher#NONE}: not at all). */
    public BarRollup withEvents(EventPublisher publisher) {
        return new BarRollup(db, listener, publisher);
    }

    /**
     * Aggregates {@code source} bars into each target.
     *
     * @param symbols tickers, or empty for every symbol with source data
     * @param session exchange session for 1d/1w targets, or null for UTC days
     */
    public List<RollupResult> fromBars(
            List<String> symbols, Timeframe source, List<Timeframe> targets, boolean includePartial, Session session) {
        for (Timeframe t : targets) {
            boolean sessionBucket = session != null && (t == Timeframe.D1 || t == Timeframe.W1);
            if (!t.isHigherOver(source) || (sessionBucket && source.seconds() >= 86_400)) {
                throw new InvalidInputException("cannot aggregate " + source.code() + " bars into " + t.code()
                        + ": the target must be a larger multiple of the source");
            }
        }
        return run(symbols, source, targets, includePartial, session, null, null);
    }

    /**
     * Aggregates {@code source} bars into each target (UTC buckets, complete ones only), rewriting only the buckets
     * starting at or after the target bucket holding {@code sinceSecond}: the cost of a rollup after new bars is that of
     * the new stretch, not of the history.
     */
    public List<RollupResult> fromBarsSince(
            List<String> symbols, Timeframe source, List<Timeframe> targets, long sinceSecond) {
        for (Timeframe t : targets) {
            if (!t.isHigherOver(source)) {
                throw new InvalidInputException("cannot aggregate " + source.code() + " bars into " + t.code()
                        + ": the target must be a larger multiple of the source");
            }
        }
        return run(symbols, source, targets, false, null, sinceSecond, null);
    }

    /**
     * Aggregates {@code source} bars into the {@code target} buckets starting from {@code sinceSecond} to before
     * {@code untilSecond} again (either null: open), the newest bucket written as partial when no source row reaches
     * its end: the buckets then hold what the source holds after a soft delete or restore ({@link AggregateRebuild}).
     */
    List<RollupResult> rebuild(
            List<String> symbols, Timeframe source, Timeframe target, Long sinceSecond, Long untilSecond) {
        return run(symbols, source, List.of(target), true, null, sinceSecond, untilSecond);
    }

    /** Aggregates ticks into bars of each target timeframe (open/high/low/close of the trade prices, volume, count). */
    public List<RollupResult> fromTicks(
            List<String> symbols, List<Timeframe> targets, boolean includePartial, Session session) {
        return run(symbols, null, targets, includePartial, session, null, null);
    }

    private List<RollupResult> run(
            List<String> symbols,
            Timeframe source,
            List<Timeframe> targets,
            boolean includePartial,
            Session session,
            Long since,
            Long until) {
        List<RollupResult> all = new ArrayList<>();
        for (Timeframe target : targets) {
            Long from = since == null ? null : target.bucketStart(since);
            List<String> stale = new ArrayList<>();
            List<RollupResult> results = db.inTransaction(s -> {
                ensurePartitions(s, symbols, source, target);
                List<RollupResult> written = s.query(
                        "aggregate." + (source == null ? "ticks" : "bars") + "." + target.lowerCode()
                                + (from == null ? "" : ".since") + (until == null ? "" : ".until"),
                        sql(symbols.isEmpty(), source == null, target, session, from != null, until != null),
                        ps -> bind(ps, symbols, source, target, includePartial, session, from, until),
                        rs -> new RollupResult(rs.getString(1), target, rs.getLong(2), rs.getLong(3)));
                BarsEvents changed = new BarsEvents();
                for (RollupResult r : written) {
                    if (r.inserted() + r.updated() > 0) {
                        changed.add(r.symbol(), target.code(), r.inserted() + r.updated());
                    }
                }
                changed.announce(s, events);
                stale.addAll(io.dgas.store.partition.PartitionStatistics.staleOnCommit(
                        s,
                        written.stream()
                                .mapToLong(r -> r.inserted() + r.updated())
                                .sum()));
                return written;
            });
            // the partitions it filled get their planner statistics now, as after an ingest
            io.dgas.store.partition.PartitionStatistics.analyze(db, stale);
            results.forEach(r -> listener.seriesChanged(r.symbol(), target));
            all.addAll(results);
        }
        return all;
    }

    private static void ensurePartitions(SqlSession s, List<String> symbols, Timeframe source, Timeframe target) {
        String table = source == null ? "ticks" : "bars";
        long[] range = s.queryOne(
                        "aggregate.range",
                        "SELECT (extract(epoch FROM min(x.ts)) * 1000000)::bigint,"
                                + " (extract(epoch FROM max(x.ts)) * 1000000)::bigint FROM " + table + " x"
                                + " JOIN symbols y ON y.id = x.symbol_id WHERE x.deleted_at IS NULL"
                                + (source == null ? "" : " AND x.timeframe = ?")
                                + (symbols.isEmpty() ? "" : " AND y.ticker = ANY (?)"),
                        ps -> {
                            int i = 1;
                            if (source != null) {
                                ps.setString(i++, source.code());
                            }
                            if (!symbols.isEmpty()) {
                                ps.setArray(i, ps.getConnection().createArrayOf("text", symbols.toArray()));
                            }
                        },
                        rs -> rs.getObject(1) == null ? null : new long[] {rs.getLong(1), rs.getLong(2)})
                .orElse(null);
        if (range != null) {
            // a week (or a session day in a zone east of UTC) may start before or after the data it holds
            long from = target.bucketStart(Math.floorDiv(range[0], 1_000_000L)) * 1_000_000L - 86_400_000_000L;
            Partitions.ensureMonths(s, "bars", from, range[1] + 86_400_000_000L);
        }
    }

    static String sql(boolean allSymbols, boolean ticks, Timeframe target, Session session) {
        return sql(allSymbols, ticks, target, session, false, false);
    }

    /**
     * The rollup statement; {@code since}: only source rows at or after a bound time; {@code until}: only buckets
     * starting before a bound time written (their completeness still judged by every source row).
     */
    static String sql(
            boolean allSymbols, boolean ticks, Timeframe target, Session session, boolean since, boolean until) {
        String src = ticks
                ? "SELECT x.symbol_id, x.ts, x.seq, x.price AS open, x.price AS high, x.price AS low, x.price AS close,"
                        + " x.size AS volume, 1 AS trade_count FROM ticks x WHERE x.deleted_at IS NULL"
                : "SELECT x.symbol_id, x.ts, 0 AS seq, x.open, x.high, x.low, x.close, x.volume, x.trade_count"
                        + " FROM bars x WHERE x.timeframe = ? AND x.deleted_at IS NULL AND NOT x.is_partial";
        src += allSymbols ? "" : " AND x.symbol_id IN (SELECT id FROM symbols WHERE ticker = ANY (?))";
        src += since ? " AND x.ts >= ?" : "";
        boolean sessionBucket = session != null && (target == Timeframe.D1 || target == Timeframe.W1);
        String local = "(ts AT TIME ZONE ?)";
        String bucket;
        String end;
        String filter = "";
        if (!sessionBucket) {
            bucket = "date_bin(make_interval(secs => ?), ts, " + MONDAY + ")";
            end = bucket + " + make_interval(secs => ?)";
        } else if (target == Timeframe.D1) {
            bucket = "(" + local + "::date)::timestamp AT TIME ZONE 'UTC'";
            end = "((" + local + "::date) + ?::time) AT TIME ZONE ?";
            filter = " WHERE " + local + "::time >= ?::time AND " + local + "::time < ?::time";
        } else {
            String monday = "(" + local + "::date - (extract(isodow FROM " + local + ")::int - 1))";
            bucket = monday + "::timestamp AT TIME ZONE 'UTC'";
            end = "(" + monday + " + 7)::timestamp AT TIME ZONE ?";
            filter = " WHERE " + local + "::time >= ?::time AND " + local + "::time < ?::time";
        }
        return "WITH src AS MATERIALIZED (" + src + "),"
                + " last AS (SELECT symbol_id, max(ts) AS max_ts FROM src GROUP BY symbol_id),"
                + " b AS (SELECT symbol_id, " + bucket + " AS bucket, " + end + " AS bucket_end, ts, seq, open, high,"
                + " low, close, volume, trade_count FROM src" + filter + "),"
                + " agg AS (SELECT symbol_id, bucket, max(bucket_end) AS bucket_end,"
                + " (array_agg(open ORDER BY ts, seq))[1] AS open, max(high) AS high, min(low) AS low,"
                + " (array_agg(close ORDER BY ts DESC, seq DESC))[1] AS close, sum(volume) AS volume,"
                + " sum(trade_count)::integer AS trade_count FROM b GROUP BY symbol_id, bucket),"
                + " up AS (INSERT INTO bars AS t (symbol_id, timeframe, ts, open, high, low, close, volume,"
                + " trade_count,"
                + " is_partial, updated_at) SELECT a.symbol_id, ?, a.bucket, a.open, a.high, a.low, a.close, a.volume,"
                + " a.trade_count, l.max_ts < a.bucket_end, now() FROM agg a JOIN last l USING (symbol_id)"
                + " WHERE (l.max_ts >= a.bucket_end OR ?)" + (until ? " AND a.bucket < ?" : "")
                + " ON CONFLICT (symbol_id, timeframe, ts) DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high,"
                + " low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume,"
                + " trade_count = EXCLUDED.trade_count, is_partial = EXCLUDED.is_partial,"
                + " updated_at = clock_timestamp(), deleted_at = NULL"
                + " WHERE (t.open, t.high, t.low, t.close, t.volume, t.trade_count, t.is_partial, t.deleted_at)"
                + " IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close, EXCLUDED.volume,"
                + " EXCLUDED.trade_count, EXCLUDED.is_partial, NULL::timestamptz)"
                + " RETURNING t.symbol_id, (t.updated_at = now()) AS inserted)"
                + " SELECT y.ticker, count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted)"
                + " FROM up JOIN symbols y ON y.id = up.symbol_id GROUP BY 1 ORDER BY 1";
    }

    /** Binds in the textual order of {@link #sql}'s placeholders. */
    private static void bind(
            PreparedStatement ps,
            List<String> symbols,
            Timeframe source,
            Timeframe target,
            boolean includePartial,
            Session session,
            Long since,
            Long until)
            throws SQLException {
        int i = 1;
        if (source != null) {
            ps.setString(i++, source.code());
        }
        if (!symbols.isEmpty()) {
            ps.setArray(i++, ps.getConnection().createArrayOf("text", symbols.toArray()));
        }
        if (since != null) {
            ps.setTimestamp(i++, java.sql.Timestamp.from(java.time.Instant.ofEpochSecond(since)));
        }
        boolean sessionBucket = session != null && (target == Timeframe.D1 || target == Timeframe.W1);
        if (!sessionBucket) {
            ps.setLong(i++, target.seconds());
            ps.setLong(i++, target.seconds());
            ps.setLong(i++, target.seconds());
        } else {
            String tz = session.zone().getId();
            if (target == Timeframe.D1) {
                ps.setString(i++, tz); // bucket
                ps.setString(i++, tz); // end: local date
                ps.setString(i++, session.close().toString());
                ps.setString(i++, tz); // end: back to UTC
            } else {
                ps.setString(i++, tz); // bucket: local date
                ps.setString(i++, tz); // bucket: isodow
                ps.setString(i++, tz); // end: local date
                ps.setString(i++, tz); // end: isodow
                ps.setString(i++, tz); // end: back to UTC
            }
            ps.setString(i++, tz);
            ps.setString(i++, session.open().toString());
            ps.setString(i++, tz);
            ps.setString(i++, session.close().toString());
        }
        ps.setString(i++, target.code());
        ps.setBoolean(i++, includePartial);
        if (until != null) {
            ps.setTimestamp(i, java.sql.Timestamp.from(java.time.Instant.ofEpochSecond(until)));
        }
    }
}
