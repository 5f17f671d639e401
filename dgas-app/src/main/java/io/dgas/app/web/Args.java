package io.dgas.app.web;

import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request's parameters parsed by their {@link Param} definitions: typed, range-checked, defaults applied. Parsing
 * fails with {@link BadParameterException} (HTTP 400) on the first parameter that does not fit, and on a query
 * parameter or body field that no definition names.
 */
final class Args {
    private final Map<String, Object> values;
    private final Map<String, String> raws;
    /** The parameters the request gave (not filled in by their defaults). */
    private final java.util.Set<String> given;

    private Args(Map<String, Object> values, Map<String, String> raws, java.util.Set<String> given) {
        this.values = values;
        this.raws = raws;
        this.given = given;
    }

    static Args parse(Context c, List<Param> params) {
        refuseMalformedQuery(c.queryString());
        refuseUnknownQuery(c, params);
        Map<String, Object> out = new HashMap<>();
        Map<String, String> raws = new HashMap<>();
        java.util.Set<String> given = new java.util.HashSet<>();
        Map<String, String> body =
                params.stream().anyMatch(p -> "body".equals(p.in())) ? bodyFields(c, params) : Map.of();
        for (Param p : params) {
            String raw = switch (p.in()) {
                case "path" -> c.pathParam(p.name());
                case "body" -> body.containsKey(p.name()) ? body.get(p.name()) : c.queryParam(p.name());
                default -> c.queryParam(p.name());
            };
            if (raw == null || raw.isEmpty()) {
                if (p.required()) {
                    throw new BadParameterException(p, raw == null ? "" : raw, p.name() + " is required");
                }
                raw = p.defaultValue();
            } else {
                given.add(p.name());
            }
            if (raw != null) {
                out.put(p.name(), convert(p, raw));
                raws.put(p.name(), raw);
            }
        }
        return new Args(out, raws, given);
    }

    /** What a query parameter's name and value must be, told to a client whose percent-encoding is broken. */
    private static final List<String> PERCENT_ENCODED =
            List.of("text percent-encoded: % only as %XX (two hex digits), a % itself as %25");

    /**
     * Refuses a query parameter whose name or value is not well percent-encoded ({@code %zz}, a lone {@code %}),
     * naming it and its value as sent: Javalin reads such a value as absent, and the answer would quietly use the
     * default (a malformed path is refused by Jetty already).
     */
    static void refuseMalformedQuery(String query) {
        if (query == null || query.indexOf('%') < 0) {
            return;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            String decoded;
            try {
                decoded = java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadParameterException(
                        shorten(name),
                        shorten(value),
                        "the parameter name '" + shorten(name) + "' is not well percent-encoded",
                        PERCENT_ENCODED);
            }
            try {
                java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadParameterException(
                        decoded, shorten(value), decoded + " is not well percent-encoded", PERCENT_ENCODED);
            }
        }
    }

    /**
     * Refuses a query parameter no definition names: a misspelt one ({@code timeframe} for {@code interval}) would
     * otherwise be ignored, and the answer would quietly use the default.
     */
    private static void refuseUnknownQuery(Context c, List<Param> params) {
        Map<String, List<String>> query = c.queryParamMap();
        if (query.isEmpty()) {
            return;
        }
        List<String> accepted = params.stream()
                .filter(p -> !"path".equals(p.in()))
                .map(Param::name)
                .toList();
        for (Map.Entry<String, List<String>> q : query.entrySet()) {
            if (!accepted.contains(q.getKey())) {
                throw new BadParameterException(
                        q.getKey(),
                        shorten(String.join(",", q.getValue())),
                        "unknown parameter '" + q.getKey() + "'",
                        accepted.isEmpty() ? List.of("no query parameters") : accepted);
            }
        }
    }

    /**
     * The fields of a JSON object body as text (numbers as written), for the {@code body} parameters; empty without a
     * body. A body that is not a JSON object, a field no parameter names, or one that is not a scalar is refused.
     */
    private static Map<String, String> bodyFields(Context c, List<Param> params) {
        String text = c.body();
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        List<String> accepted = params.stream()
                .filter(p -> "body".equals(p.in()))
                .map(Param::name)
                .toList();
        com.fasterxml.jackson.databind.JsonNode n = JsonBody.object(text, "", accepted);
        List<String> tickerFields = params.stream()
                .filter(p -> "body".equals(p.in()) && p.type() == Param.Type.TICKER)
                .map(Param::name)
                .toList();
        Map<String, String> out = new HashMap<>();
        for (var it = n.fields(); it.hasNext(); ) {
            var f = it.next();
            if (!accepted.contains(f.getKey())) {
                throw new BadParameterException(
                        f.getKey(), shorten(f.getValue().toString()), "unknown field '" + f.getKey() + "'", accepted);
            }
            var v = f.getValue();
            if (v.isNull()) {
                continue;
            }
            if (tickerFields.contains(f.getKey())) {
                out.put(f.getKey(), String.join(",", tickers(f.getKey(), v)));
                continue;
            }
            if (!v.isValueNode()) {
                throw new BadParameterException(
                        f.getKey(), shorten(v.toString()), f.getKey() + " must be a single value", List.of("a scalar"));
            }
            out.put(f.getKey(), v.isNumber() ? v.numberValue().toString() : v.asText());
        }
        return out;
    }

    /** What a body's ticker list may be, told to a client that sent something else. */
    static final List<String> TICKER_LIST = List.of(
            "an array of tickers such as [\"AAPL\", \"MSFT\"]", "comma-separated tickers such as \"AAPL,MSFT\"");

    /**
     * The tickers of the JSON body field {@code field}: an array of tickers or one string of comma-separated ones,
     * each piece as written (split at commas, neither trimmed nor upper-cased: the caller's rules apply). The one
     * reader of every body's {@code symbols}, so each route takes both forms.
     *
     * @throws BadParameterException for anything else (a number, an object, an array holding one)
     */
    static List<String> tickers(String field, com.fasterxml.jackson.databind.JsonNode v) {
        List<com.fasterxml.jackson.databind.JsonNode> pieces = new java.util.ArrayList<>();
        if (v.isArray()) {
            v.forEach(pieces::add);
        } else {
            pieces.add(v);
        }
        if (pieces.stream().allMatch(com.fasterxml.jackson.databind.JsonNode::isTextual)) {
            return pieces.stream()
                    .flatMap(e -> java.util.Arrays.stream(e.asText().split(",", -1)))
                    .toList();
        }
        throw new BadParameterException(
                field,
                shorten(v.toString()),
                field + " must be an array of tickers or a comma-separated string",
                TICKER_LIST);
    }

    private static String shorten(String s) {
        return JsonBody.shorten(s);
    }

    /** The parameter's text as given (or its default), for exact decimals; null when absent. */
    String raw(String name) {
        return raws.get(name);
    }

    private static Object convert(Param p, String raw) {
        if (raw.indexOf('\0') >= 0) { // PostgreSQL text cannot hold one: refused here, not as a failed statement
            throw new BadParameterException(p, raw, p.name() + " must not contain a NUL character");
        }
        return switch (p.type()) {
            case STRING -> raw;
            case TICKER -> raw.trim().toUpperCase(Locale.ROOT);
            case ENUM -> {
                if (!p.choices().contains(raw)) {
                    throw new BadParameterException(p, raw, "unknown " + p.name() + " '" + raw + "'");
                }
                yield raw;
            }
            case BOOL ->
                switch (raw.toLowerCase(Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new BadParameterException(p, raw, p.name() + " must be true or false");
                };
            case INT -> {
                long v;
                try {
                    v = Long.parseLong(raw);
                } catch (NumberFormatException e) {
                    throw new BadParameterException(p, raw, p.name() + " must be a whole number");
                }
                inRange(p, raw, v);
                if (v != (int) v) {
                    throw new BadParameterException(p, raw, p.name() + " is out of range");
                }
                yield (int) v;
            }
            case NUMBER -> {
                double v;
                try {
                    v = Double.parseDouble(raw);
                } catch (NumberFormatException e) {
                    throw new BadParameterException(p, raw, p.name() + " must be a number");
                }
                if (!Double.isFinite(v)) {
                    throw new BadParameterException(p, raw, p.name() + " must be a finite number");
                }
                inRange(p, raw, v);
                yield v;
            }
            case INSTANT -> instant(p, raw);
        };
    }

    private static void inRange(Param p, String raw, double v) {
        if ((p.minimum() != null && v < p.minimum()) || (p.maximum() != null && v > p.maximum())) {
            throw new BadParameterException(p, raw, p.name() + " is out of range");
        }
    }

    private static Instant instant(Param p, String raw) {
        try {
            return raw.length() == 10
                    ? LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(raw);
        } catch (DateTimeException e) {
            throw new BadParameterException(p, raw, p.name() + " is not a time");
        }
    }

    /** Whether the request gave the parameter (its default does not count). */
    boolean given(String name) {
        return given.contains(name);
    }

    /** Whether the parameter was given or has a default. */
    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The parsed value (String, Integer, Double, Boolean or Instant), or null when absent without default. */
    @SuppressWarnings("unchecked")
    <T> T get(String name) {
        return (T) values.get(name);
    }
}
