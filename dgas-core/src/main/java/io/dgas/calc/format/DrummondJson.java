package io.dgas.calc.format;

import io.dgas.calc.drummond.DrummondLines;
import io.dgas.calc.drummond.PatternEvents;
import io.dgas.calc.drummond.PatternType;
import io.dgas.calc.drummond.ZoneSet;
import io.dgas.domain.BarSeries;

/**
 * JSON writers for zones and patterns (drummond.md §8), in the layout of {@code vectors/}: zone prices are written as
 * decimal strings (as the reference does), other numbers as JSON numbers; patterns grouped by type key.
 */
public final class DrummondJson {
    static final String[] GROUPS = {
        "pldot_push", "pldot_refresh", "exhaust", "c_wave", "congestion_oscillation", "termination"
    };

    private DrummondJson() {}

    public static String zones(ZoneSet z) {
        StringBuilder sb = new StringBuilder();
        JsonWriter w = new JsonWriter(sb).beginObject();
        w.name("tolerance_used").value(z.tolerance());
        w.name("avg_range").value(z.avgRange());
        w.name("last_envelope_width").value(z.lastEnvelopeWidth());
        w.name("zone_count").value(z.size());
        w.name("zones").beginArray();
        for (int k = 0; k < z.size(); k++) {
            w.beginObject();
            w.name("center_price").value(Num.format(z.center()[k]));
            w.name("lower_price").value(Num.format(z.lower()[k]));
            w.name("upper_price").value(Num.format(z.upper()[k]));
            w.name("line_type").value(DrummondLines.typeCode(z.type()[k]));
            w.name("strength").value(z.strength()[k]);
            w.endObject();
        }
        w.endArray().endObject();
        return sb.append('\n').toString();
    }

    /** Every event known at the last bar, grouped by type key in §8 order, each group in detection order. */
    public static String patterns(PatternEvents e, BarSeries s) {
        StringBuilder sb = new StringBuilder();
        JsonWriter w = new JsonWriter(sb).beginObject();
        for (String group : GROUPS) {
            w.name(group).beginArray();
            for (int k = 0; k < e.size(); k++) {
                if (e.type(k).group().equals(group)) {
                    event(w, e, k, s);
                }
            }
            w.endArray();
        }
        w.endObject();
        return sb.append('\n').toString();
    }

    static void event(JsonWriter w, PatternEvents e, int k, BarSeries s) {
        PatternType t = e.type(k);
        w.beginObject();
        w.name("pattern_type").value(t.code());
        w.name("direction").value(e.direction(k));
        w.name("start_timestamp").value(Timestamps.format(s.ts()[e.start(k)]));
        w.name("end_timestamp").value(Timestamps.format(s.ts()[e.end(k)]));
        w.name("strength").value(e.strength(k));
        w.endObject();
    }
}
