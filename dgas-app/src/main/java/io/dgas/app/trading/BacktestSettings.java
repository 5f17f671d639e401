package io.dgas.app.trading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dgas.app.Json;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A stored backtest's settings in one line, so that backtests run with different options can be told apart in a list:
 * its sizing, slippage and commission, then each signal and multi-timeframe parameter that differs from the engine's
 * defaults, by its stored name ({@code 10% of equity, 5 bps; min_reward_risk 3}). Backtests stored before those
 * parameters were kept show their expiry when it is not the default.
 */
public final class BacktestSettings {
    private static final JsonNode SIGNALS = Json.SNAKE.valueToTree(SignalParams.defaults());
    private static final JsonNode MTF = Json.SNAKE.valueToTree(MtfParams.defaults());

    private BacktestSettings() {}

    /** The line of a backtest's stored settings (a JSON object text); the text itself when it is not JSON. */
    public static String line(String settings) {
        JsonNode s;
        try {
            s = Json.MAPPER.readTree(settings);
        } catch (JsonProcessingException e) {
            return settings;
        }
        List<String> parts = new ArrayList<>();
        JsonNode rules = s.path("rules");
        if (rules.isObject()) {
            parts.add(sizing(rules) + ", " + plain(rules.path("slippage_bps")) + " bps" + commission(rules));
        }
        List<String> changed = new ArrayList<>();
        if (s.has("signals")) {
            differences(SIGNALS, s.path("signals"), changed);
            differences(MTF, s.path("mtf"), changed);
        } else if (s.path("expiry_bars").asInt() != SignalParams.defaults().expiryBars()) {
            changed.add("expiry_bars " + s.path("expiry_bars").asText());
        }
        if (!changed.isEmpty()) {
            parts.add(String.join(", ", changed));
        }
        return String.join("; ", parts);
    }

    private static String sizing(JsonNode rules) {
        String value = plain(rules.path("sizing_value"));
        return switch (rules.path("sizing").asText()) {
            case "percent_equity" -> value + "% of equity";
            case "fixed_cash" -> value + " a trade";
            case "fixed_quantity" -> value + " shares a trade";
            default -> rules.path("sizing").asText() + " " + value;
        };
    }

    /** The commission's parts that are not zero, or nothing. */
    private static String commission(JsonNode rules) {
        List<String> parts = new ArrayList<>();
        if (nonZero(rules.path("commission_per_share"))) {
            parts.add(plain(rules.path("commission_per_share")) + " a share");
        }
        if (nonZero(rules.path("commission_percent"))) {
            parts.add(plain(rules.path("commission_percent")) + "%");
        }
        if (nonZero(rules.path("commission_minimum"))) {
            parts.add("at least " + plain(rules.path("commission_minimum")));
        }
        return parts.isEmpty() ? "" : ", commission " + String.join(" + ", parts);
    }

    /**
     * Adds "name value" for each field of {@code stored} whose value is not the one in {@code defaults}, in the
     * defaults' order (the database keeps a JSON object's keys in an order of its own), then fields they lack.
     */
    private static void differences(JsonNode defaults, JsonNode stored, List<String> out) {
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

    private static boolean nonZero(JsonNode n) {
        return n.isNumber() && n.decimalValue().signum() != 0;
    }

    /** A number in its shortest plain decimals (10, not 10.00000000); other values as text. */
    private static String plain(JsonNode n) {
        if (!n.isNumber()) {
            return n.asText();
        }
        BigDecimal d = n.decimalValue().stripTrailingZeros();
        return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
    }
}
