package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.testkit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A run records the signal parameters it analysed with: {@code dgas cycle} says those not the defaults, and so do
 * {@code monitor recent-runs} and its JSON. */
class CycleSettingsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    static Path home;

    @Test
    void cycle_optionOtherThanTheDefault_namedInTheSummaryAndTheRunList() throws Exception {
        Path bars = Files.writeString(
                home.resolve("set.csv"),
                "timestamp,symbol,interval,open,high,low,close,volume\n"
                        + "2024-01-01T00:00:00Z,SET,1h,100,101,99,100,10\n");
        assertThat(cli("ingest", "bars", bars.toString(), "--create-symbols").code())
                .isZero();

        CliRun strict = cli("cycle", "--symbols", "SET", "--min-reward-risk", "3");
        CliRun usual = cli("cycle", "--symbols", "SET");
        CliRun list = cli("monitor", "recent-runs", "--hours", "87600");
        JsonNode runs = new ObjectMapper()
                .readTree(cli("--json", "monitor", "recent-runs", "--hours", "87600")
                        .out());

        assertThat(strict.code()).as(strict.err()).isZero();
        assertThat(strict.out()).contains("settings (other than the defaults): min_reward_risk 3");
        assertThat(usual.out()).doesNotContain("settings (other than the defaults)");
        assertThat(list.out())
                .contains("settings")
                .contains("min_reward_risk 3")
                .contains("defaults");
        assertThat(runs).hasSize(2);
        assertThat(runs.findValuesAsText("min_reward_risk")).containsExactlyInAnyOrder("3.0", "1.5");
        assertThat(cli("monitor", "calibration").out())
                .contains("by settings (the runs' signal parameters other than the defaults):");
    }

    private static CliRun cli(String... args) {
        return CliRun.of(home, PG.jdbcUrl(), Map.of(), args);
    }
}
