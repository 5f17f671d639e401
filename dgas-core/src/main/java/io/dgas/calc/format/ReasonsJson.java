package io.dgas.calc.format;

import io.dgas.calc.drummond.ConfluenceZone;
import io.dgas.calc.drummond.Direction;
import io.dgas.calc.drummond.ReasonText;
import io.dgas.calc.drummond.Signal;
import io.dgas.calc.drummond.SignalReasons;
import java.util.Locale;

/**
 * <b>[C]</b> A signal's {@link SignalReasons} as JSON (the {@code reasons} column of stored signals and the
 * {@code reasons} object of the API): snake_case names, NaN as {@code null}, zone roles by price at the close.
 */
public final class ReasonsJson {
    private ReasonsJson() {}

    /**
     * The reasons of {@code s} as one JSON object, its {@link ReasonText one-line rendering} first under {@code text};
     * {@code "null"} when it has none.
     */
    public static String of(Signal s) {
        if (s.reasons() == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        write(new JsonWriter(sb), s);
        return sb.toString();
    }

    /** Writes the reasons of {@code s} (non-null) as one object value. */
    public static void write(JsonWriter w, Signal s) {
        SignalReasons r = s.reasons();
        w.beginObject();
        w.name("text").value(ReasonText.of(s));
        w.name("htf");
        frame(w, r.htf());
        w.name("htf_strength").value(r.htfStrength());
        w.name("trading");
        frame(w, r.trading());
        w.name("alignment").beginObject();
        w.name("total").value(r.alignment().total());
        w.name("direction").value(r.alignment().direction());
        w.name("state").value(r.alignment().state());
        w.name("confidence").value(r.alignment().confidence());
        w.endObject();
        w.name("action").value(lower(r.action()));
        w.name("risk").value(lower(r.risk()));
        w.name("close").value(r.close());
        w.name("zone");
        zone(w, r.zone(), r.close());
        w.name("opposing_zone");
        zone(w, r.opposing(), r.close());
        w.name("events").beginArray();
        for (SignalReasons.Event e : r.events()) {
            w.beginObject();
            w.name("type").value(e.type().code());
            w.name("direction").value(Direction.code(e.direction()));
            w.name("start_bar").value(e.start());
            w.name("end_bar").value(e.end());
            w.name("strength").value(e.strength());
            w.endObject();
        }
        w.endArray();
        w.name("atr").value(r.atr());
        w.name("reach").value(r.reach());
        w.name("stop_buffer").value(r.stopBuffer());
        w.name("reward_risk").value(r.rewardRisk());
        w.name("target_capped").value(r.targetCapped());
        w.endObject();
    }

    private static void frame(JsonWriter w, SignalReasons.Frame f) {
        w.beginObject();
        w.name("timeframe").value(f.timeframe());
        w.name("state").value(f.state() == null ? null : f.state().code());
        w.name("direction").value(Direction.code(f.direction()));
        w.name("confidence").value(f.confidence());
        w.endObject();
    }

    private static void zone(JsonWriter w, ConfluenceZone z, double close) {
        if (z == null) {
            w.value((String) null);
            return;
        }
        w.beginObject();
        w.name("role").value(z.role(close).label());
        w.name("level").value(z.level());
        w.name("lower").value(z.lower());
        w.name("upper").value(z.upper());
        w.name("timeframes").value(z.strength());
        w.name("weight").value(z.weightedStrength());
        w.endObject();
    }

    private static String lower(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }
}
