package io.dgas.app.web;

import java.util.List;

/**
 * One parameter of an API route, as both the parser and the OpenAPI document see it.
 *
 * @param name parameter name
 * @param in {@code query} or {@code path}
 * @param type value type
 * @param required whether a request must carry it (path parameters always do)
 * @param defaultValue value when absent, as text; null for none
 * @param minimum lowest accepted number (INT, NUMBER); null for none
 * @param maximum highest accepted number (INT, NUMBER); null for none
 * @param choices accepted values (ENUM)
 * @param description one line for the document
 */
record Param(
        String name,
        String in,
        Type type,
        boolean required,
        String defaultValue,
        Double minimum,
        Double maximum,
        List<String> choices,
        String description) {

    /** Value types; INSTANT accepts {@code 2025-01-06T00:00:00Z} or a date {@code 2025-01-06} (midnight UTC). */
    enum Type {
        STRING,
        /** A ticker or comma-separated tickers: trimmed and upper-cased, as ingest stores them. */
        TICKER,
        INT,
        NUMBER,
        BOOL,
        INSTANT,
        ENUM
    }

    static Param path(String name, Type type, String description) {
        return new Param(name, "path", type, true, null, null, null, List.of(), description);
    }

    /**
     * A field of the request's JSON object body ({@code Content-Type: application/json}); the older form, the same
     * name as a query parameter, is accepted when the body does not give it.
     */
    static Param body(String name, Type type, String description) {
        return new Param(name, "body", type, false, null, null, null, List.of(), description);
    }

    static Param query(String name, Type type, String description) {
        return new Param(name, "query", type, false, null, null, null, List.of(), description);
    }

    /** The paging pair every list takes: {@code limit} (default, maximum) and {@code offset}. */
    static List<Param> paging(int defaultLimit, int maxLimit) {
        return List.of(
                query("limit", Type.INT, "page size")
                        .withDefault(Integer.toString(defaultLimit))
                        .range(1, maxLimit),
                query("offset", Type.INT, "rows skipped").withDefault("0").range(0, 1_000_000));
    }

    /** The same parameter as a field of the request's JSON body ({@link #body}). */
    Param inBody() {
        return new Param(name, "body", type, required, defaultValue, minimum, maximum, choices, description);
    }

    /** The same parameter, which a request must carry. */
    Param mandatory() {
        return new Param(name, in, type, true, defaultValue, minimum, maximum, choices, description);
    }

    Param withDefault(String value) {
        return new Param(name, in, type, required, value, minimum, maximum, choices, description);
    }

    /** A query parameter a request must carry. */
    Param withRequired() {
        return new Param(name, in, type, true, defaultValue, minimum, maximum, choices, description);
    }

    Param range(double min, double max) {
        return new Param(name, in, type, required, defaultValue, min, max, choices, description);
    }

    Param oneOf(List<String> accepted) {
        return new Param(
                name, in, Type.ENUM, required, defaultValue, minimum, maximum, List.copyOf(accepted), description);
    }

    /** What is accepted, as told to a client that got it wrong. */
    List<String> accepted() {
        return switch (type) {
            case ENUM -> choices;
            case BOOL -> List.of("true", "false");
            case INSTANT -> List.of("an ISO-8601 instant such as 2025-01-06T00:00:00Z", "a date such as 2025-01-06");
            case INT -> List.of("a whole number " + bounds());
            case NUMBER -> List.of("a number " + bounds());
            case STRING -> List.of("text");
            case TICKER -> List.of("a ticker, any case (AAPL, aapl)");
        };
    }

    private String bounds() {
        return fmt(minimum) + ".." + fmt(maximum);
    }

    private static String fmt(Double d) {
        if (d == null) {
            return "";
        }
        // plain decimals (999999999999.99, 0.00000001), never Double's exponent form (9.9999999999999E11, 1.0E-8)
        return d == Math.rint(d) ? Long.toString(d.longValue()) : io.dgas.calc.format.Num.format(d);
    }
}
