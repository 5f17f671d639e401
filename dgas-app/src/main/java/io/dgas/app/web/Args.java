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
 * fails with {@link BadParameterException} (HTTP 400) on the first parameter that does not fit.
 */
final class Args {
    private final Map<String, Object> values;

    private Args(Map<String, Object> values) {
        this.values = values;
    }

    static Args parse(Context c, List<Param> params) {
        Map<String, Object> out = new HashMap<>();
        for (Param p : params) {
            String raw = "path".equals(p.in()) ? c.pathParam(p.name()) : c.queryParam(p.name());
            if (raw == null || raw.isEmpty()) {
                if (p.required()) {
                    throw new BadParameterException(p, raw == null ? "" : raw, p.name() + " is required");
                }
                raw = p.defaultValue();
            }
            if (raw != null) {
                out.put(p.name(), convert(p, raw));
            }
        }
        return new Args(out);
    }

    private static Object convert(Param p, String raw) {
        return switch (p.type()) {
            case STRING -> raw;
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
