package io.dgas.store.optimizer;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Unused indexes across the primary and its replicas.
 *
 * <p>Design notes: statistics are per server, so an index the primary never scans may be what a replica's read
 * queries live on. An index is reported only when it is unused on the primary (see {@link IndexCatalog}) and every
 * replica reports zero scans for it; a replica that does not know the index (or could not be asked) makes it
 * "not proven unused" and it is left out, because a wrong "drop this" costs far more than a missed one.
 */
public final class UnusedIndexes {
    private UnusedIndexes() {}

    /** Index scans per {@code table.index} on {@code server} (summed over partitions, as {@link IndexCatalog}). */
    public static Map<String, Long> scansByIndex(Database server) {
        Map<String, Long> out = new HashMap<>();
        server.withSession(s -> s.query(
                        "optimizer.replica-scans",
                        IndexCatalog.INDEXES,
                        SqlSession.Binder.NONE,
                        rs -> Map.entry(rs.getString(1) + "." + rs.getString(2), rs.getLong(8))))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The indexes proven unused everywhere, and the replicas that could not be asked. */
    public record AcrossServers(List<IndexInfo> indexes, List<String> warnings) {}

    /**
     * {@code primaryUnused} less those a replica of {@code replicas} scans or could not be asked about (each of those
     * named in the warnings); with no replicas, {@code primaryUnused} itself.
     */
    public static AcrossServers acrossServers(List<IndexInfo> primaryUnused, List<Database> replicas) {
        if (replicas.isEmpty()) {
            return new AcrossServers(primaryUnused, List.of());
        }
        List<Map<String, Long>> scans = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Database r : replicas) {
            try {
                scans.add(scansByIndex(r));
            } catch (RuntimeException e) {
                warnings.add("replica " + r.settings().safeUrl() + " not checked: " + e.getMessage());
                scans.add(null);
            }
        }
        return new AcrossServers(onEveryServer(primaryUnused, scans), List.copyOf(warnings));
    }

    /**
     * The primary's unused indexes that are unused on every replica too.
     *
     * @param primaryUnused unused on the primary
     * @param replicaScans per replica, scans by {@code table.index}; null for a replica that could not be asked
     */
    public static List<IndexInfo> onEveryServer(List<IndexInfo> primaryUnused, List<Map<String, Long>> replicaScans) {
        List<IndexInfo> out = new ArrayList<>();
        for (IndexInfo i : primaryUnused) {
            String key = i.table() + "." + i.name();
            boolean unusedEverywhere =
                    replicaScans.stream().allMatch(r -> r != null && r.containsKey(key) && r.get(key) == 0L);
            if (unusedEverywhere) {
                out.add(i);
            }
        }
        return out;
    }
}
