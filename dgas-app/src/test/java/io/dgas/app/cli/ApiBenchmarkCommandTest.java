package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiBenchmarkCommandTest {
    @Test
    void goals_uncachedUnderReferenceAndCacheFast_areMetWithSameRunRatio() {
        List<Map<String, Object>> results = List.of(
                row(ApiBenchmarkCommand.RAW, 32, 20.0, "-"),
                row(ApiBenchmarkCommand.UNCACHED, 32, 40.0, "-"),
                row(ApiBenchmarkCommand.CACHED, 1, 0.04, "1.000"),
                row(ApiBenchmarkCommand.CACHED, 32, 0.06, "0.970"));

        Map<String, Object> goals = ApiBenchmarkCommand.goals(results, 0.8, 1000);

        assertThat(goals)
                .containsEntry("cached p95 < 1 ms (worst over client counts)", "met, 0.06 ms")
                .containsEntry("cache hit rate >= 0.95 (worst)", "met, 0.970")
                .containsEntry("uncached p95 at 32 clients <= 75.0 ms (raw-query reference)", "met, 40.0 ms")
                // 40 / 20
                .containsEntry("uncached / raw query p95 at 32 clients, same run", "2.00 (40.00 / 20.00 ms)")
                .containsEntry("analysis of 1000 bars, one thread", "0.80 ms");
    }

    @Test
    void goals_slowUncachedAndColdCache_areNotMet() {
        List<Map<String, Object>> results = List.of(
                row(ApiBenchmarkCommand.RAW, 32, 70.0, "-"),
                row(ApiBenchmarkCommand.UNCACHED, 32, 75.01, "-"),
                row(ApiBenchmarkCommand.CACHED, 32, 1.0, "0.949"));

        Map<String, Object> goals = ApiBenchmarkCommand.goals(results, 1.0, 1000);

        assertThat(goals)
                .containsEntry("cached p95 < 1 ms (worst over client counts)", "NOT met, 1.0 ms")
                .containsEntry("cache hit rate >= 0.95 (worst)", "NOT met, 0.949")
                .containsEntry("uncached p95 at 32 clients <= 75.0 ms (raw-query reference)", "NOT met, 75.01 ms");
    }

    @Test
    void goals_without32Clients_saysTheUncachedGoalWasNotMeasured() {
        Map<String, Object> goals = ApiBenchmarkCommand.goals(
                List.of(
                        row(ApiBenchmarkCommand.UNCACHED, 8, 10.0, "-"),
                        row(ApiBenchmarkCommand.CACHED, 8, 0.1, "1.000")),
                1.0,
                500);

        assertThat(goals).containsEntry("uncached p95 at 32 clients", "not measured (add 32 to --clients)");
    }

    @Test
    void zipfAndPick_threeRanks_followWeightsOneHalfThird() {
        // weights 1, 1/2, 1/3 sum to 11/6: cumulative 6/11, 9/11, 1
        double[] cum = ApiBenchmarkCommand.zipf(3);

        assertThat(cum).containsExactly(new double[] {6.0 / 11, 9.0 / 11, 1.0}, offset(1e-12));
        assertThat(ApiBenchmarkCommand.pick(cum, 0.5)).isZero();
        assertThat(ApiBenchmarkCommand.pick(cum, 0.6)).isEqualTo(1);
        assertThat(ApiBenchmarkCommand.pick(cum, 0.99)).isEqualTo(2);
    }

    private static Map<String, Object> row(String read, int clients, double p95, String hitRate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", read);
        m.put("clients", clients);
        m.put("p95_ms", p95);
        m.put("hit_rate", hitRate);
        return m;
    }
}
