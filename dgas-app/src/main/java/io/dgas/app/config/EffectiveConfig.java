package io.dgas.app.config;

import io.dgas.app.config.ConfigLoader.Setting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The effective configuration as shown to people ({@code configure show}, {@code /api/v1/config}): secrets masked. */
public final class EffectiveConfig {
    private EffectiveConfig() {}

    /** {@code {home, file, settings: [{key, value, source}], warnings}}, every key in definition order. */
    public static Map<String, Object> of(DgasConfig c) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("home", c.home().toString());
        model.put("file", c.file().map(Object::toString).orElse(null));
        model.put("settings", rows(c));
        model.put("warnings", c.warnings());
        return model;
    }

    /** One row per key: its path, printable value ({@link ConfigKey#printable}) and source ({@code unset}). */
    public static List<Map<String, String>> rows(DgasConfig c) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (ConfigKey key : ConfigKeys.all()) {
            Setting s = c.setting(key.path()).orElse(null);
            Map<String, String> row = new LinkedHashMap<>();
            row.put("key", key.path());
            row.put("value", s == null ? "" : key.printable(s.value()));
            row.put("source", s == null ? "unset" : s.source());
            rows.add(row);
        }
        return rows;
    }
}
