package io.dgas.store.bars;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.events.BarsEvents;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.InvalidInputException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Soft delete, restore and purge of market data. Deleting sets {@code deleted_at}; every active read then ignores the
 * row. All three are idempotent and return the number of rows they changed (a second delete changes 0). Purge
 * hard-deletes only rows already soft-deleted before {@code now - olderThan}. Delete and restore announce a
 * {@code bars} event per changed series (ticks as {@link BarsEvents#TICKS}) in their committing transaction.
 */
public final class SoftDelete {
    private final Database db;
    private final Clock clock;
    private final IngestListener listener;
    private final EventPublisher events;

    public SoftDelete(Database db, Clock clock, IngestListener listener) {
        this(db, clock, listener, EventPublisher.postgres(db));
    }

    private SoftDelete(Database db, Clock clock, IngestListener listener, EventPublisher events) {
        this.db = db;
        this.clock = clock;
        this.listener = listener;
        this.events = events;
    }

    /** The same soft delete announcing through {@code publisher} ({@link EventPublisher#NONE}: not at all). */
    public SoftDelete withEvents(EventPublisher publisher) {
        return new SoftDelete(db, clock, listener, publisher);
    }

    /**
     * What to touch: one symbol's bars ({@code timeframe} null: every timeframe, and its ticks too) with
     * {@code from <= ts < to} (either bound may be null).
     */
    public record Selection(String symbol, Timeframe timeframe, Instant from, Instant to) {}

    /** Rows changed per table, and what each higher timeframe rebuilt from the bars changed got (or none). */
    public record Changed(long bars, long ticks, List<AggregateRebuild.Rebuilt> rebuilt) {
        public Changed(long bars, long ticks) {
            this(bars, ticks, List.of());
        }
    }

    public Changed delete(Selection sel) {
        return delete(sel, List.of());
    }

    public Changed restore(Selection sel) {
        return restore(sel, List.of());
    }

    /**
     * {@link #delete(Selection)}, then the bars of {@code rebuild} made again from the selection's timeframe over its
     * range ({@link AggregateRebuild}), which must then be given.
     *
     * @throws InvalidInputException before any change, for targets without the selection's timeframe or not a larger
     *     multiple of it
     */
    public Changed delete(Selection sel, List<Timeframe> rebuild) {
        check(sel, rebuild);
        return rebuilt(sel, rebuild, change(sel, "soft-delete", "deleted_at = ?", "deleted_at IS NULL", true));
    }

    /** {@link #restore(Selection)}, then the rebuild of {@link #delete(Selection, List)}. */
    public Changed restore(Selection sel, List<Timeframe> rebuild) {
        check(sel, rebuild);
        return rebuilt(sel, rebuild, change(sel, "restore", "deleted_at = NULL", "deleted_at IS NOT NULL", false));
    }

    private static void check(Selection sel, List<Timeframe> rebuild) {
        if (rebuild.isEmpty()) {
            return;
        }
        if (sel.timeframe() == null) {
            throw new InvalidInputException("a rebuild of " + rebuild.get(0).code()
                    + " bars needs the timeframe they are built from: select one timeframe");
        }
        AggregateRebuild.check(sel.timeframe(), rebuild);
    }

    private Changed rebuilt(Selection sel, List<Timeframe> rebuild, Changed c) {
        if (rebuild.isEmpty()) {
            return c;
        }
        return new Changed(
                c.bars(),
                c.ticks(),
                new AggregateRebuild(db, clock, listener, events)
                        .rebuild(sel.symbol(), sel.timeframe(), rebuild, sel.from(), sel.to()));
    }

    private Changed change(Selection sel, String name, String set, String state, boolean stamp) {
        Timestamp now = Timestamp.from(clock.instant());
        Changed c = db.inTransaction(s -> {
            BarsEvents changed = new BarsEvents();
            // rows changed per timeframe: one event per series
            List<Object[]> perSeries = s.query(
                    "data." + name + ".bars",
                    "WITH up AS (UPDATE bars SET " + set + " WHERE " + state + where(true, sel)
                            + " RETURNING timeframe) SELECT timeframe, count(*) FROM up GROUP BY timeframe"
                            + " ORDER BY timeframe",
                    ps -> bind(ps, sel, stamp ? now : null, true),
                    rs -> new Object[] {rs.getString(1), rs.getLong(2)});
            long bars = 0;
            for (Object[] r : perSeries) {
                changed.add(sel.symbol(), (String) r[0], (Long) r[1]);
                bars += (Long) r[1];
            }
            long ticks = sel.timeframe() != null
                    ? 0
                    : s.update(
                            "data." + name + ".ticks",
                            "UPDATE ticks SET " + set + " WHERE " + state + where(false, sel),
                            ps -> bind(ps, sel, stamp ? now : null, false));
            if (ticks > 0) {
                changed.add(sel.symbol(), BarsEvents.TICKS, ticks);
            }
            changed.announce(s, events);
            return new Changed(bars, ticks);
        });
        if (c.bars() > 0) {
            for (Timeframe tf : sel.timeframe() == null ? Timeframe.values() : new Timeframe[] {sel.timeframe()}) {
                listener.seriesChanged(sel.symbol(), tf);
            }
        }
        return c;
    }

    /** Hard-deletes bars and ticks soft-deleted before {@code now - olderThan}. */
    public Changed purge(Duration olderThan) {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(olderThan));
        return db.inTransaction(s -> new Changed(
                s.update(
                        "data.purge.bars",
                        "DELETE FROM bars WHERE deleted_at IS NOT NULL AND deleted_at < ?",
                        ps -> ps.setTimestamp(1, cutoff)),
                s.update(
                        "data.purge.ticks",
                        "DELETE FROM ticks WHERE deleted_at IS NOT NULL AND deleted_at < ?",
                        ps -> ps.setTimestamp(1, cutoff))));
    }

    private static String where(boolean bars, Selection sel) {
        return " AND symbol_id = (SELECT id FROM symbols WHERE ticker = ?)"
                + (bars && sel.timeframe() != null ? " AND timeframe = ?" : "")
                + (sel.from() != null ? " AND ts >= ?" : "")
                + (sel.to() != null ? " AND ts < ?" : "");
    }

    private static void bind(PreparedStatement ps, Selection sel, Timestamp now, boolean bars) throws SQLException {
        int i = 1;
        if (now != null) {
            ps.setTimestamp(i++, now);
        }
        ps.setString(i++, sel.symbol());
        if (bars && sel.timeframe() != null) {
            ps.setString(i++, sel.timeframe().code());
        }
        if (sel.from() != null) {
            ps.setTimestamp(i++, Timestamp.from(sel.from()));
        }
        if (sel.to() != null) {
            ps.setTimestamp(i, Timestamp.from(sel.to()));
        }
    }
}
