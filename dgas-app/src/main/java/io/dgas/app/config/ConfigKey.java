package io.dgas.app.config;

import io.dgas.store.Redact;
import java.util.List;

/**
 * One configuration key: its dotted path, type, accepted range, default and environment names.
 *
 * @param path dotted path as written in {@code dgas.yaml} ({@code database.pool_size})
 * @param type value type
 * @param min lowest accepted number (INT, SECONDS)
 * @param max highest accepted number (INT, SECONDS)
 * @param choices accepted values (ENUM)
 * @param defaultValue value when nothing else sets it, as text; null for none
 * @param env environment variables that set it, first wins
 * @param secret masked whenever printed
 * @param help one line for {@code configure show}
 */
public record ConfigKey(
        String path,
        Type type,
        long min,
        long max,
        List<String> choices,
        String defaultValue,
        List<String> env,
        boolean secret,
        String help) {

    /**
     * Value types; SECONDS accepts {@code 30}, {@code 30s}, {@code 5m}, {@code 1h}; DATE an ISO date; POSITIVE a
     * finite decimal number > 0 ({@code 1e-8}, {@code 1000000000}).
     */
    public enum Type {
        STRING,
        INT,
        SECONDS,
        BOOL,
        ENUM,
        DATE,
        POSITIVE
    }

    /** The accepted range, as told to a user who got it wrong. */
    public String accepted() {
        return switch (type) {
            case STRING -> "text";
            case INT -> "an integer from " + min + " to " + max;
            case SECONDS -> "a duration from " + min + " s to " + max + " s (e.g. 30, 30s, 5m, 1h)";
            case BOOL -> "true or false";
            case ENUM -> "one of " + String.join(", ", choices);
            case DATE -> "a date such as 1970-01-01";
            case POSITIVE ->
                max == 0
                        ? "a finite number > 0 (e.g. 1e-8, 1000000000)"
                        : "a number > 0 and at most " + max + " (e.g. 1.5)";
        };
    }

    /**
     * {@code value} as it may be printed: a secret key's value masked whole (a URL keeps its scheme and host), any
     * other value with the credentials inside URLs masked.
     */
    public String printable(String value) {
        return secret ? Redact.secret(value) : Redact.url(value);
    }

    /** The default {@code DGAS_…} environment name of this key. */
    public String dgasEnvName() {
        return "DGAS_" + path.replace('.', '_').toUpperCase(java.util.Locale.ROOT);
    }
}
