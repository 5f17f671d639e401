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
}
