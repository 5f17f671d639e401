package io.dgas.store.partition;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Monthly partitions of {@code bars} and {@code ticks}: created ahead of a load for every month that holds one of its
 * rows (so no insert fails for want of a partition, and no empty partition is made for the gap between rows), and
 * listed with their health figures.
 */
public final class Partitions {
    private static final Set<String> MONTHLY = Set.of("bars", "ticks");

    private Partitions() {}

    /**
     * Creates (if missing) the partitions of {@code parent} for every month from the one holding {@code fromMicros}
     * to the one holding {@code toMicros} (epoch microseconds, UTC); returns their names.
     */
    public static List<String> ensureMonths(SqlSession s, String parent, long fromMicros, long toMicros) {
        if (!MONTHLY.contains(parent)) {
            throw new IllegalArgumentException(parent + " is not a monthly partitioned table");
        }
        List<String> names = new ArrayList<>();
        if (fromMicros > toMicros) {
            return names;
        }
        LocalDate month = monthOf(fromMicros);
        LocalDate last = monthOf(toMicros);
        while (!month.isAfter(last)) {
            names.add(createMonth(s, parent, month));
            month = month.plusMonths(1);
        }
        return names;
    }

    /**
     * Creates (if missing) the partitions of {@code parent} for exactly the months in {@code months}, not the span
     * between them; returns their names. What a load calls: only months that hold rows get a partition.
     */
    public static List<String> ensureMonths(SqlSession s, String parent, MonthSet months) {
        if (!MONTHLY.contains(parent)) {
            throw new IllegalArgumentException(parent + " is not a monthly partitioned table");
        }
        List<String> names = new ArrayList<>();
        for (LocalDate month : months.firstDays()) {
            names.add(createMonth(s, parent, month));
        }
        return names;
    }

    private static String createMonth(SqlSession s, String parent, LocalDate month) {
        Timestamp at = Timestamp.from(month.atStartOfDay().toInstant(ZoneOffset.UTC));
        return s.queryOne(
                        "partition.create-month",
                        "SELECT dgas_create_month_partition(?, ?)",
                        ps -> {
                            ps.setString(1, parent);
                            ps.setTimestamp(2, at);
                        },
                        rs -> rs.getString(1))
                .orElseThrow();
    }

    private static LocalDate monthOf(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L))
                .atOffset(ZoneOffset.UTC)
                .toLocalDate()
                .withDayOfMonth(1);
    }

    /**
     * Every partition of the partitioned tables with exact row counts, on-disk size and the newest row's timestamp.
     * Partition names come from the catalog, never from input.
     */
    public static List<PartitionInfo> list(Database db) {
        return db.withSession(s -> {
            List<PartitionInfo> raw = s.query(
                    "partition.list",
                    "SELECT p.relname, c.relname, pg_get_expr(c.relpartbound, c.oid),"
                            + " pg_total_relation_size(c.oid) FROM pg_inherits i"
                            + " JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent"
                            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE n.nspname = current_schema() AND p.relkind = 'p' ORDER BY 1, 2",
                    SqlSession.Binder.NONE,
                    rs -> new PartitionInfo(
                            rs.getString(1), rs.getString(2), range(rs.getString(3)), 0, rs.getLong(4), null));
            List<PartitionInfo> out = new ArrayList<>();
            for (PartitionInfo p : raw) {
                String table = "\"" + p.name().replace("\"", "\"\"") + "\"";
                out.add(s.queryOne(
                                "partition.stats",
                                "SELECT count(*), max(ts) FROM " + table,
                                SqlSession.Binder.NONE,
                                rs -> new PartitionInfo(
                                        p.parent(),
                                        p.name(),
                                        p.range(),
                                        rs.getLong(1),
                                        p.bytes(),
                                        rs.getTimestamp(2) == null
                                                ? null
                                                : rs.getTimestamp(2).toInstant()))
                        .orElseThrow());
            }
            return out;
        });
    }

    /** {@code FOR VALUES FROM ('2024-02-01 00:00:00+00') TO ('2024-03-01 00:00:00+00')} → {@code [from, to)}. */
    static String range(String bound) {
        if (bound == null) {
            return "";
        }
        String b =
                bound.replace("FOR VALUES FROM (", "[").replace(") TO (", ", ").replace("'", "");
        return b.endsWith(")") ? b : b + ")";
    }
}
