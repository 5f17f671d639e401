package io.dgas.store.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsAdviceTest {
    private static final double MB = 1 << 20;
    private static final double GB = 1 << 30;

    /** PostgreSQL's defaults, as a fresh server shows them, with {@code changes} (name, shown, number) on top. */
    private static Map<String, ServerSettings.Setting> defaults(Object... changes) {
        Map<String, ServerSettings.Setting> m = new LinkedHashMap<>();
        put(m, "shared_buffers", "128MB", 128 * MB, true);
        put(m, "effective_cache_size", "4GB", 4 * GB, false);
        put(m, "maintenance_work_mem", "64MB", 64 * MB, false);
        put(m, "work_mem", "4MB", 4 * MB, false);
        put(m, "max_connections", "100", 100, true);
        put(m, "max_parallel_workers_per_gather", "2", 2, false);
        put(m, "max_wal_size", "1GB", GB, false);
        put(m, "checkpoint_completion_target", "0.9", 0.9, false);
        put(m, "random_page_cost", "4", 4, false);
        put(m, "effective_io_concurrency", "1", 1, false);
        put(m, "track_io_timing", "off", Double.NaN, false);
        put(m, "autovacuum", "on", Double.NaN, false);
        put(m, "fsync", "on", Double.NaN, false);
        put(m, "full_page_writes", "on", Double.NaN, false);
        put(m, "synchronous_commit", "on", Double.NaN, false);
        for (int i = 0; i < changes.length; i += 3) {
            String name = (String) changes[i];
            put(
                    m,
                    name,
                    (String) changes[i + 1],
                    ((Number) changes[i + 2]).doubleValue(),
                    m.get(name).restart());
        }
        return m;
    }

    private static void put(
            Map<String, ServerSettings.Setting> m, String name, String shown, double n, boolean restart) {
        m.put(name, new ServerSettings.Setting(name, shown, n, restart));
    }

    private static Map<String, SettingsAdvice.Advice> byName(List<SettingsAdvice.Advice> advice) {
        Map<String, SettingsAdvice.Advice> m = new LinkedHashMap<>();
        advice.forEach(a -> m.put(a.name(), a));
        return m;
    }

    @Test
    void of_defaultsOn16Gb_pgTunesMixedSizesAndTheSsdAndIoSettings() {
        Map<String, SettingsAdvice.Advice> a = byName(SettingsAdvice.of(defaults(), 16L << 30));

        assertThat(a.get("shared_buffers").suggested()).isEqualTo("4GB"); // 16 GB / 4
        assertThat(a.get("shared_buffers").restart()).isTrue();
        assertThat(a.get("effective_cache_size").suggested()).isEqualTo("12GB"); // 16 GB × 3 / 4
        assertThat(a.get("maintenance_work_mem").suggested()).isEqualTo("1GB"); // 16 GB / 16
        // (16 GB − 4 GB) / (100 × 3) / 2 = 12,288 MB / 600 = 20.48 MB, whole MB
        assertThat(a.get("work_mem").suggested()).isEqualTo("20MB");
        assertThat(a.get("max_wal_size").suggested()).isEqualTo("4GB");
        assertThat(a.get("checkpoint_completion_target").suggested()).isNull();
        assertThat(a.get("random_page_cost").suggested()).isEqualTo("1.1");
        assertThat(a.get("effective_io_concurrency").suggested()).isEqualTo("200");
        assertThat(a.get("track_io_timing").suggested()).isEqualTo("on");
        assertThat(a.get("track_io_timing").statement()).isEqualTo("ALTER SYSTEM SET track_io_timing = 'on'");
        assertThat(a.get("autovacuum").suggested()).isNull();
        assertThat(a.get("fsync").suggested()).isNull();
        assertThat(a.get("synchronous_commit").statement()).isNull();
    }

    @Test
    void of_memoryUnknown_memorySettingsListedWithoutASuggestion() {
        Map<String, SettingsAdvice.Advice> a = byName(SettingsAdvice.of(defaults(), 0));

        for (String m : List.of("shared_buffers", "effective_cache_size", "maintenance_work_mem", "work_mem")) {
            assertThat(a.get(m).suggested()).as(m).isNull();
            assertThat(a.get(m).why()).as(m).contains("not known here");
        }
        assertThat(a.get("random_page_cost").suggested()).isEqualTo("1.1");
    }

    @Test
    void of_tunedNearTheRuleAndDataAtRisk_nearLeftAloneRiskCalledOut() {
        Map<String, SettingsAdvice.Advice> a = byName(SettingsAdvice.of(
                defaults(
                        "shared_buffers",
                        "3584MB",
                        3584 * MB, // 12.5 % under 4 GB: within a quarter
                        "work_mem",
                        "64MB",
                        64 * MB, // more than a quarter over 20.48 MB
                        "fsync",
                        "off",
                        Double.NaN,
                        "synchronous_commit",
                        "local",
                        Double.NaN,
                        "autovacuum",
                        "off",
                        Double.NaN),
                16L << 30));

        assertThat(a.get("shared_buffers").suggested()).isNull();
        assertThat(a.get("work_mem").suggested()).isEqualTo("20MB");
        assertThat(a.get("fsync").suggested()).isEqualTo("on");
        assertThat(a.get("fsync").why()).contains("at risk");
        assertThat(a.get("synchronous_commit").suggested())
                .as("local is durable here")
                .isNull();
        assertThat(a.get("autovacuum").suggested()).isEqualTo("on");
    }

    @Test
    void of_aSettingTheServerLacks_leftOut() {
        Map<String, ServerSettings.Setting> s = defaults();
        s.remove("effective_io_concurrency");

        assertThat(SettingsAdvice.of(s, 8L << 30))
                .extracting(SettingsAdvice.Advice::name)
                .doesNotContain("effective_io_concurrency")
                .contains("shared_buffers");
    }
}
