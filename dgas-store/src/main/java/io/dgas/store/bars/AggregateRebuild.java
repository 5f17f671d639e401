package io.dgas.store.bars;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.events.BarsEvents;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.InvalidInputException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bars of higher timeframes made again from a symbol's source timeframe after its bars were soft-deleted or
 * restored in a time range, so that they hold what the source now holds: a deleted bad print leaves no trace in the
 * 5m, 1h or 1d bars built from it, a restore brings them back.
 *
 * <p>Which timeframes were built from which is the caller's word (nothing records it: a daily series may as well have
 * been loaded from a vendor): only the targets named are touched, and only their buckets that meet the range. Those
 * are aggregated again from the source's active rows as {@link BarRollup#fromBarsSince} aggregates them (UTC buckets;
 * a changed bucket is rewritten, a soft-deleted one written again is restored, an unchanged one is left), the newest
 * one written as partial when no source row reaches its end (only when the range reaches it), and every target bucket
 * of the range whose source rows are all soft-deleted is soft-deleted too (one that never had a source row stays).
 * Each target is its own transaction: a rebuild cut short is finished by running it again (it is idempotent).
 */
public final class AggregateRebuild {
    private final Database db;
    private final Clock clock;
    private final IngestListener listener;
    private final EventPublisher events;
    private final BarRollup rollup;

    public AggregateRebuild(Database db, Clock clock, IngestListener listener) {
        this(db, clock, listener, EventPublisher.postgres(db));
    }

    AggregateRebuild(Database db, Clock clock, IngestListener listener, EventPublisher events) {
        this.db = db;
        this.clock = clock;
        this.listener = listener;
        this.events = events;
        this.rollup = new BarRollup(db, listener).withEvents(events);
    }

    /** What one target got: buckets written (inserted, updated or restored) and buckets soft-deleted. */
    public record Rebuilt(Timeframe target, long written, long deleted) {}

    /**
     * Checks that every target can be built from {@code source} before anything changes.
     *
     * @throws InvalidInputException naming the first target that is not a larger multiple of the source
     */
    public static void check(Timeframe source, List<Timeframe> targets) {
        for (Timeframe t : targets) {
            if (!t.isHigherOver(source)) {
                throw new InvalidInputException("cannot rebuild " + t.code() + " bars from " + source.code()
                        + " bars: the target must be a larger multiple of the source");
            }
        }
    }

    /**
     * Makes each of {@code targets} of {@code symbol} again from its {@code source} bars over [{@code from}, {@code
     * to}) (either bound null: open).
     */
    public List<Rebuilt> rebuild(String symbol, Timeframe source, List<Timeframe> targets, Instant from, Instant to) {
        check(source, targets);
        List<Rebuilt> out = new ArrayList<>();
        for (Timeframe target : targets) {
            Long since = from == null ? null : target.bucketStart(from.getEpochSecond());
            Long until = to == null ? null : to.getEpochSecond();
            long written = rollup.rebuild(List.of(symbol), source, target, since, until).stream()
                    .mapToLong(r -> r.inserted() + r.updated())
                    .sum();
            out.add(new Rebuilt(target, written, sweep(symbol, source, target, since, to)));
        }
        return out;
    }

    /**
     * Soft-deletes the target buckets from {@code since} to {@code to} (either null: open) whose source rows are all
     * soft-deleted: a bucket no source row ever lay in (a stretch the target was loaded for alone) stays.
     */
    private long sweep(String symbol, Timeframe source, Timeframe target, Long since, Instant to) {
        Timestamp now = Timestamp.from(clock.instant());
        long deleted = db.inTransaction(s -> {
            long n = s.update(
                    "aggregate.rebuild.sweep",
                    "UPDATE bars t SET deleted_at = ?, updated_at = clock_timestamp()"
                            + " WHERE t.symbol_id = (SELECT id FROM symbols WHERE ticker = ?) AND t.timeframe = ?"
                            + " AND t.deleted_at IS NULL"
                            + (since == null ? "" : " AND t.ts >= ?")
                            + (to == null ? "" : " AND t.ts < ?")
                            + " AND EXISTS (SELECT 1 FROM bars x WHERE x.symbol_id = t.symbol_id AND x.timeframe = ?"
                            + " AND x.deleted_at IS NOT NULL AND x.ts >= t.ts AND x.ts < t.ts + make_interval(secs => ?))"
                            + " AND NOT EXISTS (SELECT 1 FROM bars x WHERE x.symbol_id = t.symbol_id"
                            + " AND x.timeframe = ? AND x.deleted_at IS NULL AND NOT x.is_partial"
                            + " AND x.ts >= t.ts AND x.ts < t.ts + make_interval(secs => ?))",
                    ps -> {
                        int i = 1;
                        ps.setTimestamp(i++, now);
                        ps.setString(i++, symbol);
                        ps.setString(i++, target.code());
                        if (since != null) {
                            ps.setTimestamp(i++, Timestamp.from(Instant.ofEpochSecond(since)));
                        }
                        if (to != null) {
                            ps.setTimestamp(i++, Timestamp.from(to));
                        }
                        ps.setString(i++, source.code());
                        ps.setLong(i++, target.seconds());
                        ps.setString(i++, source.code());
                        ps.setLong(i, target.seconds());
                    });
            if (n > 0) {
                BarsEvents changed = new BarsEvents();
                if (since == null) {
                    changed.add(symbol, target.code(), n);
                } else {
                    changed.add(symbol, target.code(), n, since);
                }
                changed.announce(s, events);
            }
            return n;
        });
        if (deleted > 0) {
            listener.seriesChanged(symbol, target);
        }
        return deleted;
    }
}
