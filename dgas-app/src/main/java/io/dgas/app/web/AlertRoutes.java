package io.dgas.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.dgas.app.alerts.AlertsService;
import io.dgas.app.alerts.RuleInput;
import io.dgas.app.web.Param.Type;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Alert rules and the alert log under {@code /api/v1/alerts}: reads open (unless {@code web.auth: all}), writes need
 * the admin token. Each route parses, calls {@link AlertsService}, renders.
 */
final class AlertRoutes {
    static final String RULE_JSON = "{id, name, type, symbol, symbols, condition, threshold, timeframe, bars, lookback,"
            + " cooldown_seconds, active, last_triggered_at}";
    private static final String BODY = "body: JSON rule fields (name, type, symbol, symbols, condition, threshold,"
            + " timeframe, bars, lookback, cooldown_seconds, active)";
    private static final Param ID = Param.path("id", Type.INT, "rule id").range(1, Integer.MAX_VALUE);

    private AlertRoutes() {}

    static List<Route> routes(Supplier<AlertsService> alerts) {
        return List.of(
                Route.get(
                        "/api/v1/alerts/rules",
                        "Alert rules, active or not, by id",
                        Param.paging(100, 1000),
                        "{items: [" + RULE_JSON + "], limit, offset, next_offset}",
                        (c, a) -> alerts.get().rules(a.get("limit"), a.get("offset"))),
                Route.admin(
                                "POST",
                                "/api/v1/alerts/rules",
                                "Add an alert rule; " + BODY + "; name, type, threshold required, symbol unless type is"
                                        + " signal",
                                List.of(),
                                RULE_JSON,
                                (c, a) -> alerts.get().create(body(c)))
                        .created(),
                Route.admin(
                        "PUT",
                        "/api/v1/alerts/rules/{id}",
                        "Change an alert rule: the fields the " + BODY + " gives, the others stay",
                        List.of(ID),
                        RULE_JSON,
                        (c, a) -> alerts.get().update(a.<Integer>get("id"), body(c))),
                Route.admin(
                        "DELETE",
                        "/api/v1/alerts/rules/{id}",
                        "Delete an alert rule (one with log entries is deactivated instead, keeping its history);"
                                + " answers 204",
                        List.of(ID),
                        "204, no body",
                        (c, a) -> {
                            alerts.get().delete(a.<Integer>get("id"));
                            c.status(204);
                            return Route.NO_BODY;
                        }),
                Route.get(
                        "/api/v1/alerts/log",
                        "Alert evaluations that fired or were suppressed, newest first, with delivery status",
                        ApiV1.concat(
                                List.of(
                                        Param.query("rule", Type.STRING, "rule id or name"),
                                        Param.query("symbol", Type.TICKER, "ticker, any case"),
                                        Param.query("since", Type.INSTANT, "at or after")),
                                Param.paging(100, 1000)),
                        "{items: [{id, ts, rule_id, rule, symbol, trigger_value, threshold_value, fired_status:"
                                + " fired|suppressed, delivery_status: pending|sent|failed|skipped, delivered_at,"
                                + " delivery_ms, message}], limit, offset, next_offset}",
                        (c, a) -> alerts.get()
                                .log(a.get("rule"), a.get("symbol"), a.get("since"), a.get("limit"), a.get("offset"))));
    }

    /** The request body as a rule input: a JSON object of the known fields, each of its type. */
    static RuleInput body(Context c) {
        JsonNode n = JsonBody.object(c.body(), " of rule fields", RuleInput.FIELDS);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!RuleInput.FIELDS.contains(f)) {
                throw new BadParameterException(
                        f, n.get(f).toString(), "unknown rule field '" + f + "'", RuleInput.FIELDS);
            }
        }
        return new RuleInput(
                text(n, "name"),
                text(n, "type"),
                text(n, "symbol"),
                texts(n, "symbols"),
                text(n, "condition"),
                number(n, "threshold"),
                text(n, "timeframe"),
                whole(n, "bars"),
                whole(n, "lookback"),
                whole(n, "cooldown_seconds"),
                bool(n, "active"));
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrong(f, v, "text");
        }
        return v.asText();
    }

    /** The tickers of field {@code f}, in either form a body's {@code symbols} takes ({@link Args#tickers}). */
    private static List<String> texts(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : Args.tickers(f, v);
    }

    private static Double number(JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw wrong(f, v, "a number");
        }
        return v.asDouble();
    }

    private static Integer whole(JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw wrong(f, v, "a whole number");
        }
        return v.asInt();
    }

    private static Boolean bool(JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw wrong(f, v, "true or false");
        }
        return v.asBoolean();
    }

    private static BadParameterException wrong(String f, JsonNode v, String accepted) {
        return new BadParameterException(f, shorten(v.toString()), f + " must be " + accepted, List.of(accepted));
    }

    private static String shorten(String s) {
        return JsonBody.shorten(s);
    }
}
