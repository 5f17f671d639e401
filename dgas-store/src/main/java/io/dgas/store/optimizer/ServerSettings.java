package io.dgas.store.optimizer;

import io.dgas.store.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The server settings {@link SettingsAdvice} judges, read from {@code pg_settings} in one statement. */
public final class ServerSettings {
    /** The settings read, in the order they are shown. */
    public static final List<String> NAMES = List.of(
            "shared_buffers",
            "effective_cache_size",
            "maintenance_work_mem",
            "work_mem",
            "max_connections",
            "max_parallel_workers_per_gather",
            "max_wal_size",
            "checkpoint_completion_target",
            "random_page_cost",
            "effective_io_concurrency",
            "track_io_timing",
            "autovacuum",
            "fsync",
            "full_page_writes",
            "synchronous_commit");

    private final Database db;

    public ServerSettings(Database db) {
        this.db = db;
    }

    /**
     * One setting.
     *
     * @param shown as {@code SHOW} prints it ({@code 128MB}, {@code on})
     * @param number its value in base units (bytes for memory, as is for other numbers; NaN for words)
     * @param restart whether a change takes a server restart (context {@code postmaster})
     */
    public record Setting(String name, String shown, double number, boolean restart) {}

    /**
     * The server's memory in bytes when it runs on this machine (reached over a local socket or loopback: the
     * embedded server, or one at localhost), else 0, not known from here.
     */
    public long memoryIfLocal() {
        boolean local = db.queryOne(
                        "optimizer.server-local",
                        "SELECT coalesce(inet_server_addr() <<= '127.0.0.0/8'::inet"
                                + " OR inet_server_addr() = '::1'::inet, true)",
                        ps -> {},
                        rs -> rs.getBoolean(1))
                .orElse(false);
        return local ? new oshi.SystemInfo().getHardware().getMemory().getTotal() : 0;
    }

    /** Every setting of {@link #NAMES} by name; a name the server lacks is absent. */
    public Map<String, Setting> read() {
        Map<String, Setting> out = new LinkedHashMap<>();
        db.query(
                        "optimizer.settings",
                        // memory settings are counted in their unit (8kB pages, kB, MB): × its bytes gives bytes
                        "SELECT name, current_setting(name), CASE WHEN vartype IN ('integer', 'real') THEN"
                                + " setting::float8 * CASE unit WHEN '8kB' THEN 8192 WHEN 'kB' THEN 1024"
                                + " WHEN 'MB' THEN 1048576 WHEN 'GB' THEN 1073741824 ELSE 1 END END,"
                                + " context = 'postmaster' FROM pg_settings WHERE name = ANY (?)",
                        ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", NAMES.toArray())),
                        rs -> {
                            double n = rs.getDouble(3);
                            return new Setting(
                                    rs.getString(1), rs.getString(2), rs.wasNull() ? Double.NaN : n, rs.getBoolean(4));
                        })
                .forEach(s -> out.put(s.name(), s));
        Map<String, Setting> ordered = new LinkedHashMap<>();
        for (String name : NAMES) {
            if (out.containsKey(name)) {
                ordered.put(name, out.get(name));
            }
        }
        return ordered;
    }
}
