package io.dgas.app.web;

import io.dgas.app.cycle.CalibrationJob;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.runs.RunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON shapes of the API that are not a record as it stands: bars as rows, runs with their stage times. */
final class Bodies {
    private Bodies() {}

    /** {@code {symbol, interval, bars: [{ts, open, high, low, close, volume}]}}, oldest first. */
    static Map<String, Object> bars(BarColumns b) {
        List<Map<String, Object>> rows = new ArrayList<>(b.size());
        for (int i = 0; i < b.size(); i++) {
            Map<String, Object> bar = new LinkedHashMap<>();
            bar.put("ts", Instant.ofEpochSecond(b.ts()[i]));
            bar.put("open", b.open()[i]);
            bar.put("high", b.high()[i]);
            bar.put("low", b.low()[i]);
            bar.put("close", b.close()[i]);
            bar.put("volume", b.volume()[i]);
            rows.add(bar);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("symbol", b.symbol());
        body.put("interval", b.timeframe().code());
        body.put("bars", rows);
        return body;
    }

    /** A run with its counts, stage times (ms) and per-symbol errors. */
    static Map<String, Object> run(RunRecord r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", r.id());
        body.put("started_at", r.startedAt());
        body.put("finished_at", r.finishedAt());
        body.put("status", r.status().code());
        body.put("htf", r.htf().code());
        body.put("trading", r.trading().code());
        body.put("instance", r.instance());
        body.put("symbols_requested", r.requested());
        body.put("symbols_processed", r.processed());
        body.put("symbols_failed", r.failed());
        body.put("signals", r.signals());
        Map<String, Object> stages = new LinkedHashMap<>();
        stages.put("load", r.loadMs());
        stages.put("analyse", r.analyseMs());
        stages.put("persist", r.persistMs());
        stages.put("alerts", r.alertsMs());
        stages.put("total", r.durationMs());
        body.put("stage_ms", stages);
        List<Map<String, String>> errors = new ArrayList<>();
        r.errors().forEach((symbol, error) -> errors.add(Map.of("symbol", symbol, "error", error)));
        body.put("errors", errors);
        body.put("stale_symbols", r.staleSymbols());
        return body;
    }

    static Map<String, Object> calibration(int days, CalibrationJob.Report r) {
        Map<String, Object> outcomes = new LinkedHashMap<>();
        r.outcomes().forEach((o, n) -> outcomes.put(o.name().toLowerCase(java.util.Locale.ROOT), n));
        List<Map<String, Object>> buckets = new ArrayList<>();
        for (CalibrationJob.Bucket b : r.byConfidence()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", b.from());
            m.put("to", b.to());
            m.put("signals", b.signals());
            m.put("outcomes", b.outcomes());
            m.put("win_rate", b.winRate());
            buckets.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("days", days);
        body.put("signals", r.signals());
        body.put("outcomes", outcomes);
        body.put("win_rate", Double.isNaN(r.winRate()) ? null : r.winRate());
        body.put("buckets", buckets);
        return body;
    }

    /** A run as {@link #run(RunRecord)} plus its collect stage: {@code stage_ms.collect} and rows/failures per symbol. */
    static Map<String, Object> run(RunRecord r, io.dgas.store.collect.CollectReport c) {
        Map<String, Object> body = run(r);
        @SuppressWarnings("unchecked")
        Map<String, Object> stages = (Map<String, Object>) body.get("stage_ms");
        stages.put("collect", c.millis());
        List<Map<String, String>> failures = new ArrayList<>();
        c.failures().forEach((symbol, error) -> failures.add(Map.of("symbol", symbol, "error", error)));
        body.put("collect", Map.of("rows", new java.util.TreeMap<>(c.rows()), "failures", failures));
        return body;
    }
}
