package io.dgas.app.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tuning profiles (system.md §5). A profile only changes defaults; the file, environment and flags still win.
 *
 * <p>Pool figures are "kept / maximum": {@code low_resource} 3/10, {@code default} 5/20, {@code high_throughput}
 * 10/50, {@code low_latency} 20/30 with a 10 s acquire timeout. {@code max_accuracy} keeps the default pool and
 * analyses a longer history (500 trading bars).
 */
public enum Profile {
    DEFAULT(Map.of()),
    LOW_RESOURCE(Map.of(ConfigKeys.POOL_SIZE, "3", ConfigKeys.MAX_OVERFLOW, "7", ConfigKeys.WORKERS, "1")),
    HIGH_THROUGHPUT(Map.of(ConfigKeys.POOL_SIZE, "10", ConfigKeys.MAX_OVERFLOW, "40", ConfigKeys.BATCH_SIZE, "25")),
    LOW_LATENCY(Map.of(ConfigKeys.POOL_SIZE, "20", ConfigKeys.MAX_OVERFLOW, "10", ConfigKeys.POOL_TIMEOUT, "10")),
    MAX_ACCURACY(Map.of(ConfigKeys.LOOKBACK, "500"));

    private final Map<String, String> overrides;

    Profile(Map<String, String> overrides) {
        this.overrides = overrides;
    }

    /** Values this profile sets, by key path. */
    public Map<String, String> overrides() {
        return overrides;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Profile parse(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }

    static List<String> names() {
        return Arrays.stream(values()).map(Profile::code).toList();
    }
}
