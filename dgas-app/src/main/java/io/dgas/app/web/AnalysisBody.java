package io.dgas.app.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.dgas.app.service.AnalysisService.Analysis;
import io.dgas.app.service.AnalysisService.Bar;
import io.dgas.app.service.AnalysisService.Latest;
import io.dgas.app.service.AnalysisService.LatestSignal;
import io.dgas.app.service.AnalysisService.Zone;
import java.io.IOException;
import java.util.List;

/**
 * The body of {@code GET /api/v1/analysis/{symbol}}: a view of the {@link Analysis} answer, so a body rendered once
 * serves while that answer is cached. Written field by field by {@link Writer}, the same bytes Jackson's bean
 * serializers wrote from the records (snake_case names in component order, nulls written, doubles by the API
 * generator's Schubfach writer, {@code reasons} raw, times ISO-8601): those looked each property up and called its
 * accessor reflectively, boxing the overlays, a quarter of an uncached answer's server time with the analysis itself.
 * {@code AnalysisBodyTest} holds the two to the same bytes; a component added to a record must be added here.
 */
@JsonSerialize(using = AnalysisBody.Writer.class)
record AnalysisBody(Analysis answer) implements RenderedBodies.View {

    static final class Writer extends StdSerializer<AnalysisBody> {
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
            g.writeFieldName("bars");
            bars(g, a.bars());
            g.writeFieldName("zones");
            zones(g, a.zones());
            g.writeFieldName("latest");
            latest(g, a.latest());
            g.writeFieldName("signal");
            signal(g, a.signal());
            g.writeEndObject();
        }

        private static void bars(JsonGenerator g, List<Bar> bars) throws IOException {
            if (bars == null) {
                g.writeNull();
                return;
            }
            g.writeStartArray();
            for (int i = 0, n = bars.size(); i < n; i++) {
                Bar b = bars.get(i);
                g.writeStartObject();
                g.writeNumberField("ts", b.ts());
                g.writeNumberField("o", b.o());
                g.writeNumberField("h", b.h());
                g.writeNumberField("l", b.l());
                g.writeNumberField("c", b.c());
                number(g, "pldot", b.pldot());
                number(g, "upper", b.upper());
                number(g, "lower", b.lower());
                string(g, "state", b.state());
                g.writeEndObject();
            }
            g.writeEndArray();
        }

        private static void zones(JsonGenerator g, List<Zone> zones) throws IOException {
            if (zones == null) {
                g.writeNull();
                return;
            }
            g.writeStartArray();
            for (int i = 0, n = zones.size(); i < n; i++) {
                Zone z = zones.get(i);
                g.writeStartObject();
                g.writeNumberField("lower", z.lower());
                g.writeNumberField("upper", z.upper());
                g.writeNumberField("center", z.center());
                string(g, "type", z.type());
                g.writeNumberField("strength", z.strength());
                g.writeEndObject();
            }
            g.writeEndArray();
        }

        private static void latest(JsonGenerator g, Latest l) throws IOException {
            if (l == null) {
                g.writeNull();
                return;
            }
            g.writeStartObject();
            string(g, "state", l.state());
            string(g, "trend", l.trend());
            number(g, "confidence", l.confidence());
            string(g, "note", l.note());
            g.writeEndObject();
        }

        private static void signal(JsonGenerator g, LatestSignal s) throws IOException {
            if (s == null) {
                g.writeNull();
                return;
            }
            g.writeStartObject();
            string(g, "source", s.source());
            g.writeNumberField("ts", s.ts());
            string(g, "type", s.type());
            g.writeNumberField("entry", s.entry());
            number(g, "stop", s.stop());
            number(g, "target", s.target());
            g.writeNumberField("confidence", s.confidence());
            string(g, "tier", s.tier());
            string(g, "reason", s.reason());
            number(g, "probability", s.probability());
            number(g, "probability_lower", s.probabilityLower());
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

        private static void number(JsonGenerator g, String name, Double value) throws IOException {
            g.writeFieldName(name);
            if (value == null) {
                g.writeNull();
            } else {
                g.writeNumber(value.doubleValue());
            }
        }
    }
}
