package io.dgas.app.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.dgas.app.cycle.CalibrationJob;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.runs.RunRecord;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
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

    /**
     * Writes a bar series row by row from its columns, the same bytes as {@code writeStringField("ts",
     * Instant.toString())} and {@code writeNumberField} per value wrote: the time formatted here for the years 1970 to
     * 9999 (ISO-8601 to the second, as {@link Instant#toString} has it for a whole second; any other through it), the
     * prices by the {@link PriceDigits} shortcut, and the names encoded once. The general formatter and the
     * shortest-digits algorithm were most of the body's time, and an uncached page renders it on every request.
     * {@code BarsBodyTest} holds the two to the same bytes.
     */
    static final class BarsWriter extends StdSerializer<Bars> {
        private static final SerializableString TS = new SerializedString("ts");
        private static final SerializableString OPEN = new SerializedString("open");
        private static final SerializableString HIGH = new SerializedString("high");
        private static final SerializableString LOW = new SerializedString("low");
        private static final SerializableString CLOSE = new SerializedString("close");
        private static final SerializableString VOLUME = new SerializedString("volume");
        /** 10000-01-01T00:00:00Z: from here on the year has five digits and a sign. */
        private static final long YEAR_10000 = 253_402_300_800L;

        BarsWriter() {
            super(Bars.class);
        }

        @Override
        public void serialize(Bars value, JsonGenerator g, SerializerProvider provider) throws IOException {
            BarColumns b = value.answer();
            PriceDigits d = new PriceDigits();
            char[] time = new char[20];
            g.writeStartObject();
            g.writeStringField("symbol", b.symbol());
            g.writeStringField("interval", b.timeframe().code());
            g.writeArrayFieldStart("bars");
            for (int i = 0; i < b.size(); i++) {
                g.writeStartObject();
                g.writeFieldName(TS);
                long ts = b.ts()[i];
                if (ts >= 0 && ts < YEAR_10000) {
                    g.writeString(time, 0, isoSeconds(ts, time));
                } else {
                    g.writeString(Instant.ofEpochSecond(ts).toString());
                }
                number(g, OPEN, b.open()[i], d);
                number(g, HIGH, b.high()[i], d);
                number(g, LOW, b.low()[i], d);
                number(g, CLOSE, b.close()[i], d);
                number(g, VOLUME, b.volume()[i], d);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }

        private static void number(JsonGenerator g, SerializableString name, double v, PriceDigits d)
                throws IOException {
            g.writeFieldName(name);
            d.write(g, v);
        }

        /** {@code yyyy-MM-ddTHH:mm:ssZ} of {@code epochSecond} (in [0, year 10000)) into {@code out}; its length. */
        static int isoSeconds(long epochSecond, char[] out) {
            long day = Math.floorDiv(epochSecond, 86_400L);
            int second = (int) Math.floorMod(epochSecond, 86_400L);
            LocalDate date = LocalDate.ofEpochDay(day);
            two(out, 0, date.getYear() / 100);
            two(out, 2, date.getYear() % 100);
            out[4] = '-';
            two(out, 5, date.getMonthValue());
            out[7] = '-';
            two(out, 8, date.getDayOfMonth());
            out[10] = 'T';
            two(out, 11, second / 3600);
            out[13] = ':';
            two(out, 14, second / 60 % 60);
            out[16] = ':';
            two(out, 17, second % 60);
            out[19] = 'Z';
            return 20;
        }

        private static void two(char[] out, int at, int v) {
            out[at] = (char) ('0' + v / 10);
            out[at + 1] = (char) ('0' + v % 10);
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
        List<Map<String, String>> shortHistory = new ArrayList<>();
        r.shortHistory().forEach((symbol, why) -> shortHistory.add(Map.of("symbol", symbol, "reason", why)));
        body.put("short_history", shortHistory);
        body.put("settings", r.settings().isEmpty() ? null : r.settings());
        body.put("settings_line", io.dgas.app.cycle.SignalSettings.line(r.settings()));
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
        List<Map<String, Object>> bySettings = new ArrayList<>();
        for (CalibrationJob.SettingsGroup g : r.bySettings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("settings", g.settings());
            m.put("signals", g.signals());
            m.put("outcomes", g.outcomes());
            m.put("win_rate", g.winRate());
            bySettings.add(m);
        }
        body.put("by_settings", bySettings);
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
