package io.dgas.app.trading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dgas.app.Json;
import io.dgas.app.cycle.SignalSettings;
import io.dgas.calc.drummond.SignalParams;
import java.util.ArrayList;
import java.util.List;

/**
 * A stored backtest's settings in one line, so that backtests run with different options can be told apart in a list:
 * its sizing, slippage and commission, then each signal and multi-timeframe parameter that differs from the engine's
 * defaults, by its stored name ({@code 10% of equity, 5 bps; min_reward_risk 3}). Backtests stored before those
 * parameters were kept show their expiry when it is not the default.
 */
public final class BacktestSettings {
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
            changed.addAll(SignalSettings.changes(s));
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

    private static boolean nonZero(JsonNode n) {
        return n.isNumber() && n.decimalValue().signum() != 0;
    }

    private static String plain(JsonNode n) {
        return SignalSettings.plain(n);
    }
}
