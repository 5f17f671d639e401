package io.dgas.app.config;

import io.dgas.store.partition.PartitionMaintenance;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code retention.*} keys: how long partitions are kept and what happens to expired ones. */
public final class RetentionSettings {
    private RetentionSettings() {}

    /** Parent table → how long to keep; tables set to 0 days are kept forever (not in the map). */
    public static Map<String, Duration> retention(DgasConfig config) {
        Map<String, Duration> out = new LinkedHashMap<>();
        put(out, "bars", config.intValue(ConfigKeys.RETENTION_BARS_DAYS));
        put(out, "ticks", config.intValue(ConfigKeys.RETENTION_TICKS_DAYS));
        put(out, "alert_logs", config.intValue(ConfigKeys.RETENTION_ALERT_LOGS_DAYS));
        return out;
    }

    /** {@code retention.mode}: {@code archive}, else drop. */
    public static PartitionMaintenance.Mode mode(DgasConfig config) {
        return config.string(ConfigKeys.RETENTION_MODE).orElse("drop").equals("archive")
                ? PartitionMaintenance.Mode.ARCHIVE
                : PartitionMaintenance.Mode.DROP;
    }

    private static void put(Map<String, Duration> out, String table, int days) {
        if (days > 0) {
            out.put(table, Duration.ofDays(days));
        }
    }
}
