package io.dgas.store.health;

/**
 * Warning and critical levels (system.md §5): pool 70/85 %, mean query 100/500 ms, acquire 50/200 ms, CPU 70/85 %,
 * heap 70/85 %; plus long-running queries (≥ 1 / ≥ 5 running over 60 s) and wraparound (< 500 M / < 200 M left,
 * expressed as used share of the 2^31 space: 76.7 % / 90.7 %).
 */
public record Thresholds(
        double poolWarn,
        double poolCrit,
        double queryWarnMs,
        double queryCritMs,
        double acquireWarnMs,
        double acquireCritMs,
        double cpuWarn,
        double cpuCrit,
        double heapWarn,
        double heapCrit) {

    public static Thresholds defaults() {
        return new Thresholds(70, 85, 100, 500, 50, 200, 70, 85, 70, 85);
    }
}
