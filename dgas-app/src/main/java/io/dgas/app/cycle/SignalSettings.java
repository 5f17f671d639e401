package io.dgas.app.cycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.dgas.app.Json;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signal and multi-timeframe parameters an analysis ran with, as runs and backtests store them ({@code {signals:
 * {...}, mtf: {...}}}, each parameter by its snake-case name), and what of them differs from the engine's defaults, so
 * that results made under different settings can be told apart in a list.
 */
public final class SignalSettings {
    private static final JsonNode SIGNALS = Json.SNAKE.valueToTree(SignalParams.defaults());
    private static final JsonNode MTF = Json.SNAKE.valueToTree(MtfParams.defaults());

    private SignalSettings() {}

    /** The stored form of {@code signals} and {@code mtf}, unmodifiable (an analyzer hands the same one to every run). */
    public static Map<String, Object> of(SignalParams signals, MtfParams mtf) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("signals", Collections.unmodifiableMap(Json.SNAKE.convertValue(signals, Map.class)));
        m.put("mtf", Collections.unmodifiableMap(Json.SNAKE.convertValue(mtf, Map.class)));
        return Collections.unmodifiableMap(m);
    }

    /**
     * "name value" for each stored parameter whose value is not the default, signal parameters first, each group in
     * the defaults' order (the database keeps a JSON object's keys in an order of its own), then names the defaults
     * lack.
     */
    public static List<String> changes(JsonNode stored) {
        List<String> out = new ArrayList<>();
        differences(SIGNALS, stored.path("signals"), out);
        differences(MTF, stored.path("mtf"), out);
        return out;
    }

    /** {@link #changes} in one line: "defaults" when none, "not recorded" for empty settings (older runs). */
    public static String line(Map<String, Object> stored) {
        if (stored.isEmpty()) {
            return "not recorded";
        }
        List<String> changed = changes(Json.MAPPER.valueToTree(stored));
        return changed.isEmpty() ? "defaults" : String.join(", ", changed);
    }

    private static void differences(JsonNode defaults, JsonNode stored, List<String> out) {
        if (!stored.isObject()) {
            return;
        }
        for (Iterator<String> it = defaults.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode v = stored.get(name);
            if (v != null && !same(defaults.get(name), v)) {
                out.add(name + " " + plain(v));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = stored.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!defaults.has(f.getKey())) {
                out.add(f.getKey() + " " + plain(f.getValue()));
            }
        }
    }

    private static boolean same(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) == 0 : a.equals(b);
    }

    /** A number in its shortest plain decimals (10, not 10.00000000); other values as text. */
    public static String plain(JsonNode n) {
        if (!n.isNumber()) {
            return n.asText();
        }
        BigDecimal d = n.decimalValue().stripTrailingZeros();
        return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
    }
}
