package io.dgas.store.runs;

import io.dgas.domain.Timeframe;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One prediction run as stored in {@code prediction_runs}.
 *
 * @param errors symbol → error message for symbols that failed
 * @param staleSymbols symbols whose newest bar was older than the staleness threshold (analysed, no signal)
 * @param shortHistory symbol → why, for symbols not analysed because they have too few bars yet (not failures: they
 *     do not make the run partial)
 * @param settings the parameters the run analysed with, as {@code {signals: {...}, mtf: {...}}} by their stored names;
 *     empty for a run stored before they were kept
 */
public record RunRecord(
        long id,
        Instant startedAt,
        Instant finishedAt,
        Timeframe htf,
        Timeframe trading,
        RunStatus status,
        int requested,
        int processed,
        int failed,
        int signals,
        double loadMs,
        double analyseMs,
        double persistMs,
        double alertsMs,
        double durationMs,
        Map<String, String> errors,
        List<String> staleSymbols,
        String instance,
        Map<String, String> shortHistory,
        Map<String, Object> settings)
        implements java.io.Serializable {}
