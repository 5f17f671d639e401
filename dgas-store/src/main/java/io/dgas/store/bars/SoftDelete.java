package io.dgas.store.bars;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.ingest.IngestListener;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Soft delete, restore and purge of market data. Deleting sets {@code deleted_at}; every active read then ignores the
 * row. All three are idempotent and return the number of rows they changed (a second delete changes 0). Purge
 * hard-deletes only rows already soft-deleted before {@code now - olderThan}.
 */
public final class SoftDelete {
    private final Database db;
    private final Clock clock;
    private final IngestListener listener;

    public SoftDelete(Database db, Clock clock, IngestListener listener) {
        this.db = db;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * What to touch: one symbol's bars ({@code timeframe} null: every timeframe, and its ticks too) with
     * {@code from <= ts < to} (either bound may be null).
     */
    public record Selection(String symbol, Timeframe timeframe, Instant from, Instant to) {}

    /** Rows changed per table. */
    public record Changed(long bars, long ticks) {}

    public Changed delete(Selection sel) {
        return change(sel, "soft-delete", "deleted_at = ?", "deleted_at IS NULL", true);
    }

    public Changed restore(Selection sel) {
        return change(sel, "restore", "deleted_at = NULL", "deleted_at IS NOT NULL", false);
    }

    private Changed change(Selection sel, String name, String set, String state, boolean stamp) {
        Timestamp now = Timestamp.from(clock.instant());
        Changed c = db.inTransaction(s -> {
            long bars = s.update(
                    "data." + name + ".bars",
                    "UPDATE bars SET " + set + " WHERE " + state + where(true, sel),
                    ps -> bind(ps, sel, stamp ? now : null, true));
            long ticks = sel.timeframe() != null
                    ? 0
                    : s.update(
                            "data." + name + ".ticks",
                            "UPDATE ticks SET " + set + " WHERE " + state + where(false, sel),
                            ps -> bind(ps, sel, stamp ? now : null, false));
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
