package io.dgas.app.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A configuration loaded as the CLI does, from {@code env} only, with {@code DGAS_HOME} under {@code dir}. */
public final class TestConfigs {
    private TestConfigs() {}

    public static DgasConfig load(Path dir, Map<String, String> env) {
        Map<String, String> withHome = new HashMap<>(env);
        withHome.put("DGAS_HOME", dir.resolve("home").toString());
        return new ConfigLoader(withHome, dir).load(null, Map.of(), Map.of());
    }

    /**
     * The configuration of the replica fault tests: {@code url} with a small pool and no health monitor, reads routed
     * to {@code replica} when it is not null, {@code DGAS_HOME} at {@code dir}.
     */
    public static DgasConfig withReplica(Path dir, String url, String replica) {
        Map<String, String> values = new HashMap<>(
                Map.of("database.url", url, "database.pool_size", "2", "monitor.health.enabled", "false"));
        if (replica != null) {
            values.put("database.replicas", replica);
        }
        return new ConfigLoader(Map.of("DGAS_HOME", dir.toString()), dir).load(null, values, Map.of());
    }
}
