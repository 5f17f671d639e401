package io.dgas.app.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The goals for {@code dgas benchmark api}, judged on one run's rows: over HTTP at {@value #CLIENTS} clients
 * the cached p95 at most {@value #CACHED_P95_MS} ms, a hit rate of at least 0.95 (worst client count), and the
 * uncached analysis request's p95 no worse than the raw bar query's p95 plus the in-process analysis p95, both at the
 * same client count and measured in the same run. Like for like: N HTTP clients on 2 cores queue for the CPU, and so
 * do N threads analysing in process ({@link LoadRun#IN_PROCESS}), so the bound takes the in-process analysis at
 * {@value #CLIENTS} threads; the one-thread figure (what an analysis costs alone) is printed beside it, not judged.
 */
final class ApiGoals {
    static final int CLIENTS = 32;
    static final double CACHED_P95_MS = 2.0;

    private ApiGoals() {}

    /**
     * @param singleThreadAnalysisP95Ms the in-process analysis p95 on one thread, shown for reference (the bound uses
     *     the {@link LoadRun#IN_PROCESS} row at {@value #CLIENTS} threads)
     */
    static Map<String, Object> judge(List<Map<String, Object>> results, double singleThreadAnalysisP95Ms) {
        Map<String, Object> g = new LinkedHashMap<>();
        String at = " at " + CLIENTS + " clients";
        double cached = figure(results, LoadRun.CACHED, "p95_ms");
        if (Double.isNaN(cached)) {
            g.put("cached p95" + at, "not measured (add " + CLIENTS + " to --clients)");
        } else {
            g.put("cached p95" + at + " <= " + CACHED_P95_MS + " ms", verdict(cached <= CACHED_P95_MS, cached + " ms"));
        }
        double worstHit = results.stream()
                .filter(r -> LoadRun.CACHED.equals(r.get("read")))
                .mapToDouble(r -> Double.parseDouble((String) r.get("hit_rate")))
                .min()
                .orElse(Double.NaN);
        g.put("hit rate >= 0.95 (worst)", verdict(worstHit >= 0.95, String.format(Locale.ROOT, "%.3f", worstHit)));
        double uncached = figure(results, LoadRun.UNCACHED, "analysis_p95_ms");
        double raw = figure(results, LoadRun.RAW, "p95_ms");
        double analysisP95Ms = figure(results, LoadRun.IN_PROCESS, "p95_ms");
        if (Double.isNaN(uncached) || Double.isNaN(raw) || Double.isNaN(analysisP95Ms)) {
            g.put("uncached p95" + at, "not measured (add " + CLIENTS + " to --clients)");
        } else {
            double bound = raw + analysisP95Ms;
            g.put(
                    "uncached analysis p95" + at + " <= raw query p95 + in-process analysis p95, both" + at,
                    verdict(
                            uncached <= bound,
                            String.format(
                                    Locale.ROOT,
                                    "%.2f ms vs %.2f + %.2f = %.2f ms",
                                    uncached,
                                    raw,
                                    analysisP95Ms,
                                    bound)));
            g.put(
                    "for reference, in-process analysis p95 on 1 thread (not judged)",
                    String.format(
                            Locale.ROOT,
                            "%.2f ms; raw query p95" + at + " + it = %.2f ms",
                            singleThreadAnalysisP95Ms,
                            raw + singleThreadAnalysisP95Ms));
        }
        return g;
    }

    private static double figure(List<Map<String, Object>> results, String read, String key) {
        return results.stream()
                .filter(r -> read.equals(r.get("read")) && (int) r.get("clients") == CLIENTS)
                .map(r -> r.get(key))
                .filter(v -> v instanceof Number)
                .mapToDouble(v -> ((Number) v).doubleValue())
                .findFirst()
                .orElse(Double.NaN);
    }

    private static String verdict(boolean met, String figure) {
        return (met ? "met, " : "NOT met, ") + figure;
    }
}
