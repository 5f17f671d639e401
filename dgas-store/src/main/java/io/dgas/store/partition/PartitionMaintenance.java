package io.dgas.store.partition;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Partition upkeep: partitions created ahead of time, and retention.
 *
 * <p>Design notes: {@code bars} and {@code ticks} get the current and the next two months, {@code alert_logs} the
 * current and the next quarter, through the migrations' helper functions (idempotent). Retention removes a partition
 * only when its whole range lies before {@code now - retention} (its upper bound ≤ the cut-off), so no row younger
 * than the retention period is ever touched; the default partition and unbounded ranges are never removed. A
 * partition is first detached ({@code ALTER TABLE … DETACH PARTITION}, brief lock, with a lock timeout), then either
 * dropped or archived. Archive means: kept as an ordinary table, outside the parent, renamed {@code archive_<name>}
 * so it is visibly not live data and the partition name is free again; dumping and dropping it is left to the
 * operator.
 */
public final class PartitionMaintenance {
    /** What retention does with an expired partition after detaching it. */
    public enum Mode {
        DROP,
        ARCHIVE
    }

    /** An expired partition and what happened to it ({@code action}: planned, dropped or archived). */
    public record Expired(String parent, String partition, Instant upperBound, String action) {}

    private final Database db;

    public PartitionMaintenance(Database db) {
        this.db = db;
    }

    /** Creates the partitions needed from {@code now}'s month/quarter ahead; returns their names. */
    public List<String> ensureAhead(Instant now) {
        ZonedDateTime t = now.atZone(ZoneOffset.UTC);
        long from = micros(now);
        long to = micros(t.plusMonths(2).toInstant());
        return db.withSession(s -> {
            List<String> names = new ArrayList<>();
            names.addAll(Partitions.ensureMonths(s, "bars", from, to));
            names.addAll(Partitions.ensureMonths(s, "ticks", from, to));
            for (Instant at : List.of(now, t.plusMonths(3).toInstant())) {
                names.add(s.queryOne(
                                "partition.create-quarter",
                                "SELECT dgas_create_quarter_partition('alert_logs', ?)",
                                ps -> ps.setTimestamp(1, Timestamp.from(at)),
                                rs -> rs.getString(1))
                        .orElseThrow());
            }
            return names;
        });
    }

    /** Partitions of the parents in {@code retention} whose whole range is older than {@code now - retention}. */
    public List<Expired> expired(Instant now, Map<String, Duration> retention) {
        List<Expired> out = new ArrayList<>();
        db.withSession(s -> {
            for (Map.Entry<String, Duration> e : retention.entrySet()) {
                Instant cutoff = now.minus(e.getValue());
                out.addAll(s.query(
                        "partition.expired",
                        "SELECT c.relname, b.upper FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                                + " JOIN pg_class p ON p.oid = i.inhparent"
                                + " JOIN pg_namespace n ON n.oid = p.relnamespace"
                                + " CROSS JOIN LATERAL (SELECT (regexp_match(pg_get_expr(c.relpartbound, c.oid),"
                                + " 'TO \\(''([^'']+)''\\)'))[1]::timestamptz AS upper) b"
                                + " WHERE n.nspname = current_schema() AND p.relname = ? AND p.relkind = 'p'"
                                + " AND b.upper IS NOT NULL AND b.upper <= ? ORDER BY b.upper",
                        ps -> {
                            ps.setString(1, e.getKey());
                            ps.setTimestamp(2, Timestamp.from(cutoff));
                        },
                        rs -> new Expired(
                                e.getKey(), rs.getString(1), rs.getTimestamp(2).toInstant(), "planned")));
            }
            return null;
        });
        return out;
    }

    /** Detaches, then drops or archives every expired partition (see class notes); returns what was done. */
    public List<Expired> applyRetention(Instant now, Map<String, Duration> retention, Mode mode) {
        List<Expired> plan = expired(now, retention);
        List<Expired> done = new ArrayList<>();
        db.withSession(s -> {
            try (Statement st = s.connection().createStatement()) {
                st.execute("SET lock_timeout = '10s'");
                for (Expired e : plan) {
                    // names come from the catalog (expired() above), quoted
                    st.execute(SqlSession.named(
                            "partition.detach",
                            "ALTER TABLE " + q(e.parent()) + " DETACH PARTITION " + q(e.partition())));
                    if (mode == Mode.DROP) {
                        st.execute(SqlSession.named("partition.drop", "DROP TABLE " + q(e.partition())));
                    } else {
                        st.execute(SqlSession.named(
                                "partition.archive",
                                "ALTER TABLE " + q(e.partition()) + " RENAME TO " + q(archiveName(e.partition()))));
                    }
                    done.add(new Expired(
                            e.parent(), e.partition(), e.upperBound(), mode == Mode.DROP ? "dropped" : "archived"));
                }
                st.execute("RESET lock_timeout");
            }
            return null;
        });
        return done;
    }

    static String archiveName(String partition) {
        String n = "archive_" + partition;
        return n.length() > 63 ? n.substring(0, 63) : n;
    }

    private static String q(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static long micros(Instant t) {
        return Math.multiplyExact(t.getEpochSecond(), 1_000_000L) + t.getNano() / 1000;
    }
}
