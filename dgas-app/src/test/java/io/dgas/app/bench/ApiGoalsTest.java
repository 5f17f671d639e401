package io.dgas.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiGoalsTest {
    @Test
    void judge_fastCacheAndUncachedWithinRawPlusAnalysis_allMet() {
        List<Map<String, Object>> results = List.of(
                row(LoadRun.RAW, 32, 20.0, "-", "-"),
                row(LoadRun.IN_PROCESS, 1, 2.0, 2.0, "-"),
                row(LoadRun.IN_PROCESS, 32, 12.5, 12.5, "-"),
                row(LoadRun.UNCACHED, 32, 40.0, 30.0, "-"),
                row(LoadRun.CACHED, 1, 0.4, "-", "1.000"),
                row(LoadRun.CACHED, 32, 1.5, "-", "0.970"));

        Map<String, Object> goals = ApiGoals.judge(results, 2.0);

        assertThat(goals)
                .containsEntry("cached p95 at 32 clients <= 2.0 ms", "met, 1.5 ms")
                .containsEntry("hit rate >= 0.95 (worst)", "met, 0.970")
                // 30 <= 20 + 12.5, the in-process analysis at 32 threads (not the 1-thread row or figure)
                .containsEntry(
                        "uncached analysis p95 at 32 clients <= raw query p95 + in-process analysis p95, both at 32"
                                + " clients",
                        "met, 30.00 ms vs 20.00 + 12.50 = 32.50 ms")
                .containsEntry(
                        "for reference, in-process analysis p95 on 1 thread (not judged)",
                        "2.00 ms; raw query p95 at 32 clients + it = 22.00 ms");
    }

    @Test
    void judge_slowCacheColdCacheAndSlowUncached_notMet() {
        List<Map<String, Object>> results = List.of(
                row(LoadRun.RAW, 32, 20.0, "-", "-"),
                row(LoadRun.IN_PROCESS, 32, 12.5, 12.5, "-"),
                row(LoadRun.UNCACHED, 32, 40.0, 32.51, "-"),
                row(LoadRun.CACHED, 32, 2.01, "-", "0.949"));

        Map<String, Object> goals = ApiGoals.judge(results, 100.0);

        assertThat(goals)
                .containsEntry("cached p95 at 32 clients <= 2.0 ms", "NOT met, 2.01 ms")
                .containsEntry("hit rate >= 0.95 (worst)", "NOT met, 0.949")
                // the 1-thread figure (100 here) never enters the bound
                .containsEntry(
                        "uncached analysis p95 at 32 clients <= raw query p95 + in-process analysis p95, both at 32"
                                + " clients",
                        "NOT met, 32.51 ms vs 20.00 + 12.50 = 32.50 ms");
    }

    @Test
    void judge_without32Clients_saysNotMeasured() {
        Map<String, Object> goals = ApiGoals.judge(List.of(row(LoadRun.CACHED, 8, 0.1, "-", "1.000")), 1.0);

        assertThat(goals)
                .containsEntry("cached p95 at 32 clients", "not measured (add 32 to --clients)")
                .containsEntry("uncached p95 at 32 clients", "not measured (add 32 to --clients)");
    }

    @Test
    void zipfAndPick_threeRanks_followWeightsOneHalfThird() {
        // weights 1, 1/2, 1/3 sum to 11/6: cumulative 6/11, 9/11, 1
        double[] cum = LoadRun.zipf(3);

        assertThat(cum).containsExactly(new double[] {6.0 / 11, 9.0 / 11, 1.0}, offset(1e-12));
        assertThat(LoadRun.pick(cum, 0.5)).isZero();
        assertThat(LoadRun.pick(cum, 0.6)).isEqualTo(1);
        assertThat(LoadRun.pick(cum, 0.99)).isEqualTo(2);
    }

    private static Map<String, Object> row(String read, int clients, double p95, Object analysisP95, String hitRate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", read);
        m.put("clients", clients);
        m.put("p95_ms", p95);
        m.put("analysis_p95_ms", analysisP95);
        m.put("hit_rate", hitRate);
        return m;
    }
}
