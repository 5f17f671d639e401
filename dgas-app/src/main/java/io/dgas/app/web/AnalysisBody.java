package io.dgas.app.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.dgas.app.service.AnalysisService.Analysis;
import io.dgas.app.service.AnalysisService.Bar;
import io.dgas.app.service.AnalysisService.Confluence;
import io.dgas.app.service.AnalysisService.Latest;
import io.dgas.app.service.AnalysisService.LatestSignal;
import io.dgas.app.service.AnalysisService.Pattern;
import io.dgas.app.service.AnalysisService.Zone;
import java.io.IOException;
import java.util.List;

/**
 * The body of {@code GET /api/v1/analysis/{symbol}}: a view of the {@link Analysis} answer, so a body rendered once
 * serves while that answer is cached. Written field by field by {@link Writer}, the same bytes Jackson's bean
 * serializers wrote from the records (snake_case names in component order, nulls written, doubles by the API
 * generator's Schubfach writer, {@code reasons} raw, times ISO-8601): those looked each property up and called its
 * accessor reflectively, and wrote every double by the general shortest-digits algorithm: half the rendering time,
 * which was a quarter of an uncached answer's server time. Here names per bar are encoded once and prices take the
 * {@link PriceDigits} shortcut.
 * {@code AnalysisBodyTest} holds the two to the same bytes; a component added to a record must be added here.
 */
@JsonSerialize(using = AnalysisBody.Writer.class)
record AnalysisBody(Analysis answer) implements RenderedBodies.View {

    static final class Writer extends StdSerializer<AnalysisBody> {
        // the names written per bar and zone, encoded once
        private static final SerializableString TS = new SerializedString("ts");
        private static final SerializableString O = new SerializedString("o");
        private static final SerializableString H = new SerializedString("h");
        private static final SerializableString L = new SerializedString("l");
        private static final SerializableString C = new SerializedString("c");
        private static final SerializableString PLDOT = new SerializedString("pldot");
        private static final SerializableString UPPER = new SerializedString("upper");
        private static final SerializableString LOWER = new SerializedString("lower");
        private static final SerializableString CENTER = new SerializedString("center");
        private static final SerializableString STATE = new SerializedString("state");

        Writer() {
            super(AnalysisBody.class);
        }

        @Override
        public void serialize(AnalysisBody value, JsonGenerator g, SerializerProvider provider) throws IOException {
            Analysis a = value.answer();
            g.writeStartObject();
            string(g, "symbol", a.symbol());
            string(g, "interval", a.interval());
            string(g, "htf", a.htf());
            g.writeFieldName("displacement");
            if (a.displacement() == null) {
                g.writeNull();
            } else {
                g.writeNumber(a.displacement());
            }
            PriceDigits d = new PriceDigits();
            g.writeFieldName("bars");
            bars(g, a.bars(), d);
            g.writeFieldName("zones");
            zones(g, a.zones(), d);
            g.writeFieldName("confluence");
            confluence(g, a.confluence(), d);
            g.writeFieldName("patterns");
            patterns(g, a.patterns());
            g.writeFieldName("latest");
            latest(g, a.latest(), d);
            g.writeFieldName("signal");
            signal(g, a.signal(), d);
            g.writeEndObject();
        }

        /** Writes one item's fields, inside the object {@link #list} opens for it. */
        private interface Fields<T> {
            void write(JsonGenerator g, T item) throws IOException;
        }

        /** {@code items} as an array of objects, each holding what {@code fields} writes; null as null. */
        private static <T> void list(JsonGenerator g, List<T> items, Fields<T> fields) throws IOException {
            if (items == null) {
                g.writeNull();
                return;
            }
            g.writeStartArray();
            for (int i = 0, n = items.size(); i < n; i++) {
                g.writeStartObject();
                fields.write(g, items.get(i));
                g.writeEndObject();
            }
            g.writeEndArray();
        }

        private static void bars(JsonGenerator g, List<Bar> bars, PriceDigits d) throws IOException {
            list(g, bars, (w, b) -> {
                w.writeFieldName(TS);
                w.writeNumber(b.ts());
                number(w, O, b.o(), d);
                number(w, H, b.h(), d);
                number(w, L, b.l(), d);
                number(w, C, b.c(), d);
                number(w, PLDOT, b.pldot(), d);
                number(w, UPPER, b.upper(), d);
                number(w, LOWER, b.lower(), d);
                w.writeFieldName(STATE);
                string(w, b.state());
            });
        }

        private static void zones(JsonGenerator g, List<Zone> zones, PriceDigits d) throws IOException {
            list(g, zones, (w, z) -> {
                number(w, LOWER, z.lower(), d);
                number(w, UPPER, z.upper(), d);
                number(w, CENTER, z.center(), d);
                string(w, "type", z.type());
                w.writeNumberField("strength", z.strength());
            });
        }

        private static void confluence(JsonGenerator g, List<Confluence> zones, PriceDigits d) throws IOException {
            list(g, zones, (w, z) -> {
                number(w, LOWER, z.lower(), d);
                number(w, UPPER, z.upper(), d);
                number(w, "level", z.level(), d);
                string(w, "type", z.type());
                string(w, "kind", z.kind());
                w.writeNumberField("timeframes", z.timeframes());
                number(w, "weight", z.weight(), d);
            });
        }

        private static void patterns(JsonGenerator g, List<Pattern> patterns) throws IOException {
            list(g, patterns, (w, p) -> {
                string(w, "type", p.type());
                w.writeNumberField("direction", p.direction());
                w.writeNumberField("start", p.start());
                w.writeNumberField("end", p.end());
                w.writeNumberField("strength", p.strength());
            });
        }

        private static void latest(JsonGenerator g, Latest l, PriceDigits d) throws IOException {
            if (l == null) {
                g.writeNull();
                return;
            }
            g.writeStartObject();
            string(g, "state", l.state());
            string(g, "trend", l.trend());
            number(g, "confidence", l.confidence(), d);
            string(g, "note", l.note());
            g.writeEndObject();
        }

        private static void signal(JsonGenerator g, LatestSignal s, PriceDigits d) throws IOException {
            if (s == null) {
                g.writeNull();
                return;
            }
            g.writeStartObject();
            string(g, "source", s.source());
            g.writeNumberField("ts", s.ts());
            string(g, "type", s.type());
            number(g, "entry", s.entry(), d);
            number(g, "stop", s.stop(), d);
            number(g, "target", s.target(), d);
            number(g, "confidence", s.confidence(), d);
            string(g, "tier", s.tier());
            string(g, "reason", s.reason());
            number(g, "probability", s.probability(), d);
            number(g, "probability_lower", s.probabilityLower(), d);
            g.writeFieldName("expiry_bars");
            if (s.expiryBars() == null) {
                g.writeNull();
            } else {
                g.writeNumber(s.expiryBars().intValue());
            }
            g.writeFieldName("reasons");
            if (s.reasons() == null) {
                g.writeNull();
            } else {
                g.writeRawValue(s.reasons()); // @JsonRawValue: a JSON object as stored
            }
            g.writeNumberField("calibration_decided", s.calibrationDecided());
            // ISO-8601 (DateTimeFormatter.ISO_INSTANT), as the JavaTimeModule writes an Instant with timestamps off
            string(g, "expires_at", s.expiresAt() == null ? null : s.expiresAt().toString());
            string(g, "calibration_scope", s.calibrationScope());
            g.writeEndObject();
        }

        private static void string(JsonGenerator g, String name, String value) throws IOException {
            g.writeFieldName(name);
            if (value == null) {
                g.writeNull();
            } else {
                g.writeString(value);
            }
        }

        private static void string(JsonGenerator g, String value) throws IOException {
            if (value == null) {
                g.writeNull();
            } else {
                g.writeString(value);
            }
        }

        private static void number(JsonGenerator g, String name, Double value, PriceDigits d) throws IOException {
            g.writeFieldName(name);
            number(g, value, d);
        }

        private static void number(JsonGenerator g, SerializableString name, Double value, PriceDigits d)
                throws IOException {
            g.writeFieldName(name);
            number(g, value, d);
        }

        private static void number(JsonGenerator g, String name, double value, PriceDigits d) throws IOException {
            g.writeFieldName(name);
            d.write(g, value);
        }

        private static void number(JsonGenerator g, SerializableString name, double value, PriceDigits d)
                throws IOException {
            g.writeFieldName(name);
            d.write(g, value);
        }

        private static void number(JsonGenerator g, Double value, PriceDigits d) throws IOException {
            if (value == null) {
                g.writeNull();
            } else {
                d.write(g, value.doubleValue());
            }
        }
    }
}
