package io.dgas.app.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.dgas.app.cycle.CalibrationJob;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.runs.RunRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON shapes of the API that are not a record as it stands: bars as rows, runs with their stage times. */
final class Bodies {
    private Bodies() {}

    /** {@code {symbol, interval, bars: [{ts, open, high, low, close, volume}]}}, oldest first. */
    static Bars bars(BarColumns b) {
        return new Bars(b);
    }

    /**
     * The body of a bar series, written straight from its columns (no object per bar): a view of the answer of
     * {@link io.dgas.app.service.MarketDataService}, so a body rendered once serves while that answer is cached.
     */
    @JsonSerialize(using = BarsWriter.class)
    record Bars(BarColumns answer) implements RenderedBodies.View {}

    static final class BarsWriter extends StdSerializer<Bars> {
        BarsWriter() {
            super(Bars.class);
        }

        @Override
        public void serialize(Bars value, JsonGenerator g, SerializerProvider provider) throws IOException {
            BarColumns b = value.answer();
            g.writeStartObject();
            g.writeStringField("symbol", b.symbol());
            g.writeStringField("interval", b.timeframe().code());
            g.writeArrayFieldStart("bars");
            for (int i = 0; i < b.size(); i++) {
                g.writeStartObject();
                g.writeStringField("ts", Instant.ofEpochSecond(b.ts()[i]).toString()); // ISO-8601, as every time
                g.writeNumberField("open", b.open()[i]);
                g.writeNumberField("high", b.high()[i]);
                g.writeNumberField("low", b.low()[i]);
                g.writeNumberField("close", b.close()[i]);
                g.writeNumberField("volume", b.volume()[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
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
