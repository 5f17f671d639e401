package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.testkit.PostgresExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code dgas scheduler start --once} and {@code scheduler status}: thin adapters over the scheduling service. */
class SchedulerCommandIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    Path home;

    @Test
    void startOnceThenStatus_emptyUniverse_oneFinishedRunListedWithTheSchedule() throws Exception {
        Map<String, String> env = Map.of("DGAS_SCHEDULER_INTERVAL", "900");
        CliRun once = CliRun.of(home, PG.jdbcUrl(), env, "scheduler", "start", "--once");
        CliRun status = CliRun.of(home, PG.jdbcUrl(), env, "scheduler", "status", "--json");
        CliRun text = CliRun.of(home, PG.jdbcUrl(), env, "scheduler", "status");

        assertThat(once.code()).as(once.err()).isZero();
        assertThat(once.out()).containsPattern("run \\d+ success: 0 signals");
        JsonNode json = new ObjectMapper().readTree(status.out());
        assertThat(json.get("schedule").asText()).isEqualTo("every 900 s");
        assertThat(json.get("recent_runs")).hasSize(1);
        // as the API and the database write it (the CLI wrote SUCCESS)
        assertThat(json.at("/recent_runs/0/status").asText()).isEqualTo("success");
        assertThat(json.get("instances").isArray()).isTrue();
        assertThat(text.out()).contains("schedule   every 900 s").contains("recent runs:");
        // a Java list was printed ("instances  []", or "[{name=…}]" with one)
        assertThat(text.out()).contains("instances  none live").doesNotContain("[");
    }

    @Test
    void start_invalidCron_exits2NamingTheKey() {
        CliRun r = CliRun.of(home, PG.jdbcUrl(), Map.of("DGAS_SCHEDULER_CRON", "not a cron"), "scheduler", "start");

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("scheduler.cron").contains("not a cron").doesNotContain("\tat ");
    }
}
