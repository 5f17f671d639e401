package io.dgas.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private DgasConfig load(Map<String, String> env, String yaml, Map<String, String> flags) throws Exception {
        Path file = null;
        if (yaml != null) {
            file = dir.resolve("dgas.yaml");
            Files.writeString(file, yaml);
        }
        Map<String, String> withHome = new java.util.HashMap<>(env);
        withHome.put("DGAS_HOME", dir.resolve("home").toString());
        return new ConfigLoader(withHome, dir).load(file, flags, Map.of(ConfigKeys.DB_URL, "--db-url"));
    }

    @Test
    void load_nothingSet_usesDefaultProfileValues() throws Exception {
        DgasConfig c = load(Map.of(), null, Map.of());

        assertThat(c.intValue(ConfigKeys.POOL_SIZE)).isEqualTo(5);
        assertThat(c.intValue(ConfigKeys.POOL_SIZE) + c.intValue(ConfigKeys.MAX_OVERFLOW))
                .isEqualTo(20);
        assertThat(c.seconds(ConfigKeys.POOL_TIMEOUT)).isEqualTo(30);
        assertThat(c.isExternalDatabase()).isFalse();
        assertThat(c.embeddedDataDir()).isEqualTo(dir.resolve("home").resolve("pg"));
        assertThat(c.setting(ConfigKeys.POOL_SIZE).orElseThrow().source()).isEqualTo("default");
    }

    @Test
    void load_everyLayerSet_flagsBeatEnvBeatFileBeatProfile() throws Exception {
        String yaml = "profile: high_throughput\ndatabase:\n  url: jdbc:postgresql://file/db\n  pool_size: 12\n"
                + "  max_overflow: 3\n";
        DgasConfig c = load(
                Map.of("DB_POOL_SIZE", "9", "DGAS_DATABASE_URL", "jdbc:postgresql://env/db"),
                yaml,
                Map.of(ConfigKeys.DB_URL, "jdbc:postgresql://flag/db"));

        assertThat(c.string(ConfigKeys.DB_URL)).contains("jdbc:postgresql://flag/db");
        assertThat(c.setting(ConfigKeys.DB_URL).orElseThrow().source()).isEqualTo("flag --db-url");
        assertThat(c.intValue(ConfigKeys.POOL_SIZE)).isEqualTo(9);
        assertThat(c.setting(ConfigKeys.POOL_SIZE).orElseThrow().source()).isEqualTo("env DB_POOL_SIZE");
        assertThat(c.intValue(ConfigKeys.MAX_OVERFLOW)).isEqualTo(3);
        assertThat(c.setting(ConfigKeys.MAX_OVERFLOW).orElseThrow().source()).endsWith("dgas.yaml:5");
        assertThat(c.intValue(ConfigKeys.BATCH_SIZE)).isEqualTo(25);
        assertThat(c.setting(ConfigKeys.BATCH_SIZE).orElseThrow().source()).isEqualTo("profile high_throughput");
    }

    @Test
    void load_fileUrl_isUsedForTheDatabase() throws Exception {
        DgasConfig c = load(Map.of(), "database:\n  url: jdbc:postgresql://db.example/dgas\n  user: app\n", Map.of());

        assertThat(c.isExternalDatabase()).isTrue();
        assertThat(c.databaseSettings(c.string(ConfigKeys.DB_URL).orElseThrow()).user())
                .isEqualTo("app");
    }

    @Test
    void load_misspeltKeyVariable_warnsNamingTheNearestAndIgnoresOthersOfOurs() throws Exception {
        DgasConfig c = load(
                Map.of(
                        "DGAS_CYCLE_LOOKBAK_BARS", "100",
                        "DGAS_NOTHING_LIKE_IT", "1",
                        "DGAS_JAVA_OPTS", "-Xmx1g",
                        "DGAS_CYCLE_LOOKBACK_BARS", "120",
                        "PATH", "/usr/bin"),
                null,
                Map.of());

        // the misspelt variable was ignored without a word; the launcher's own and a correct one say nothing
        assertThat(c.warnings())
                .containsExactly(
                        "environment variable DGAS_CYCLE_LOOKBAK_BARS sets no configuration key and is ignored;"
                                + " did you mean DGAS_CYCLE_LOOKBACK_BARS?",
                        "environment variable DGAS_NOTHING_LIKE_IT sets no configuration key and is ignored"
                                + " (dgas configure show lists the keys)");
        assertThat(c.intValue(ConfigKeys.LOOKBACK)).isEqualTo(120);
    }

    @Test
    void load_lowLatencyProfile_setsPoolAndTimeout() throws Exception {
        DgasConfig c = load(Map.of("DGAS_PROFILE", "low_latency"), null, Map.of());

        assertThat(c.intValue(ConfigKeys.POOL_SIZE)).isEqualTo(20);
        assertThat(c.intValue(ConfigKeys.POOL_SIZE) + c.intValue(ConfigKeys.MAX_OVERFLOW))
                .isEqualTo(30);
        assertThat(c.seconds(ConfigKeys.POOL_TIMEOUT)).isEqualTo(10);
    }

    @Test
    void load_tradingSetWithoutHtf_takesItsDefaultPair() throws Exception {
        DgasConfig c = load(Map.of("DGAS_CYCLE_TRADING", "1d"), null, Map.of());

        assertThat(c.timeframe(ConfigKeys.HTF)).isEqualTo(io.dgas.domain.Timeframe.W1);
        assertThat(c.setting(ConfigKeys.HTF).orElseThrow().source()).isEqualTo("paired with cycle.trading");
    }

    @Test
    void load_htfFinerThanTrading_failsNamingBothKeysAndTheOnesThatPair() {
        assertThatThrownBy(() -> load(Map.of("DGAS_CYCLE_HTF", "1h"), "cycle:\n  trading: 4h\n", Map.of()))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessageContaining("'cycle.htf' (1h, env DGAS_CYCLE_HTF)")
                .hasMessageContaining("'cycle.trading' (4h, ")
                .hasMessageContaining("accepted for 'cycle.htf': [1d, 1w]");
    }

    @Test
    void load_unknownKey_failsNamingKeyFileAndLine() {
        assertThatThrownBy(() -> load(Map.of(), "database:\n  pool_size: 4\n  pool_sise: 3\n", Map.of()))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessageContaining("unknown key 'database.pool_sise'")
                .hasMessageContaining("dgas.yaml line 3")
                .hasMessageContaining("database.pool_size");
    }

    @Test
    void load_misspelledKey_suggestsTheClosestKnownKey() {
        assertThatThrownBy(() -> load(Map.of(), "cycle:\n  wrkers: 3\n", Map.of()))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessageContaining("unknown key 'cycle.wrkers'")
                .hasMessageContaining("did you mean 'cycle.workers'?")
                .hasMessageContaining("known under 'cycle:': workers, batch_size");
    }

    @Test
    void load_unknownTopLevelSection_listsTheSectionsNotOneKey() {
        assertThatThrownBy(() -> load(Map.of(), "monitoring:\n  slow_query_ms: 100\n", Map.of()))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessageContaining("unknown key 'monitoring'")
                .hasMessageContaining("dgas.yaml line 1")
                .hasMessageContaining("known at the top level: profile, database:, ")
                .hasMessageContaining("monitor:");
    }

    @Test
    void load_valueGivenForASection_saysItIsASection() {
        assertThatThrownBy(() -> load(Map.of(), "profile: default\ncycle: 3\n", Map.of()))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessageContaining("'cycle' in config file")
                .hasMessageContaining("line 2 is a section, not a value")
                .hasMessageContaining("known under 'cycle:': workers");
    }

    @Test
    void load_poolSizeZero_failsNamingKeyLineAndRange() {
        assertThatThrownBy(() -> load(Map.of(), "database:\n  pool_size: 0\n", Map.of()))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessageContaining("'database.pool_size'")
                .hasMessageContaining("dgas.yaml:2")
                .hasMessageContaining("an integer from 1 to 1000");
    }

    @Test
    void load_wrongTypeFromEnv_failsNamingTheVariable() {
        assertThatThrownBy(() -> load(Map.of("DB_POOL_PRE_PING", "maybe"), null, Map.of()))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessageContaining("'database.pool_pre_ping' (env DB_POOL_PRE_PING)")
                .hasMessageContaining("true or false");
    }

    @Test
    void load_badDuration_failsWithAcceptedForms() {
        assertThatThrownBy(() -> load(Map.of("DB_POOL_TIMEOUT", "soon"), null, Map.of()))
                .hasMessageContaining("a duration from 1 s to 600 s");
    }

    @Test
    void load_durationWithUnit_isParsed() throws Exception {
        DgasConfig c = load(Map.of(), "database:\n  pool_recycle: 2h\n  pool_timeout: 45s\n", Map.of());

        assertThat(c.seconds(ConfigKeys.POOL_RECYCLE)).isEqualTo(2 * 3600);
        assertThat(c.seconds(ConfigKeys.POOL_TIMEOUT)).isEqualTo(45);
    }

    @Test
    void load_replicaLagLimitWithinTwoChecks_warns() throws Exception {
        String replicas = "database:\n  replicas: jdbc:postgresql://r1:5432/dgas\n";

        DgasConfig close = load(Map.of(), replicas + "  replica_max_lag: 5s\n  replica_check_interval: 3s\n", Map.of());
        DgasConfig defaults = load(Map.of(), replicas, Map.of());
        DgasConfig noReplicas = load(Map.of(), "database:\n  replica_max_lag: 1s\n", Map.of());

        assertThat(close.warnings())
                .contains("database.replica_max_lag (5 s) is less than twice database.replica_check_interval (3 s):"
                        + " a replica that keeps up can still be taken out between two checks");
        assertThat(defaults.warnings()).noneMatch(w -> w.contains("replica"));
        assertThat(noReplicas.warnings()).noneMatch(w -> w.contains("replica"));
    }

    @Test
    void load_poolSmallerThanWorkers_warns() throws Exception {
        DgasConfig c = load(Map.of(), "database:\n  pool_size: 1\n  max_overflow: 0\ncycle:\n  workers: 4\n", Map.of());

        assertThat(c.warnings()).anyMatch(w -> w.contains("smaller than cycle.workers"));
    }

    @Test
    void load_invalidYaml_failsWithLine() {
        assertThatThrownBy(() -> load(Map.of(), "database:\n  pool_size: [1,\n", Map.of()))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void load_missingExplicitFile_fails() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), dir).load(Path.of("nope.yaml"), Map.of(), Map.of()))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessageContaining("nope.yaml (from --config) does not exist");
    }
}
