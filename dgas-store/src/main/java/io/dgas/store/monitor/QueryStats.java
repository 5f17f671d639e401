package io.dgas.store.monitor;

/**
 * Figures for one named statement.
 *
 * @param name statement name
 * @param count executions since start
 * @param failures executions that threw
 * @param rows rows returned or affected since start
 * @param windowCount executions inside the window
 * @param meanMs mean over the window
 * @param p50Ms median over the window
 * @param p95Ms 95th percentile over the window
 * @param p99Ms 99th percentile over the window
 * @param maxMs maximum over the window
 * @param totalMs total time since start
 */
public record QueryStats(
        String name,
        long count,
        long failures,
        long rows,
        int windowCount,
        double meanMs,
        double p50Ms,
        double p95Ms,
        double p99Ms,
        double maxMs,
        double totalMs) {}
