package io.dgas.store.ingest;

import io.dgas.SafeText;

/**
 * One row that failed validation.
 *
 * @param line 1-based line in the source (the header is line 1)
 * @param field the offending column ({@code row} for the whole line, {@code header} for the header)
 * @param value the value as written in the source, whole (messages cut and escape it; the rejects file keeps it)
 * @param reason the rule it broke
 */
public record Reject(long line, String field, String value, String reason) {

    /** {@code bars.csv line 17, field high, value 99.5: high must be >= max(open, close) (101.2)}. */
    public String describe(String source) {
        return SafeText.escape(source + " line " + line + ", field " + Fields.shown(field) + ", value "
                + Fields.shown(value) + ": " + reason);
    }
}
