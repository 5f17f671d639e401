package io.dgas.store.ingest;

import io.dgas.DgasException;
import io.dgas.SafeText;
import io.dgas.UserError;

/**
 * A source file broke a validation rule; nothing from it was written. The message names file, line, field, value
 * and rule, e.g. {@code bars.csv line 17, field high, value 99.5: high must be >= max(open, close) (101.2)}. Control
 * characters from the input are escaped, so the message is safe to print on a terminal.
 */
public final class InvalidInputException extends DgasException implements UserError {
    private static final long serialVersionUID = 1L;
    private final transient Reject reject;

    public InvalidInputException(String source, Reject reject) {
        super(reject.describe(source));
        this.reject = reject;
    }

    public InvalidInputException(String message) {
        super(SafeText.escape(message));
        this.reject = null;
    }

    /** The rejected row, or null for a problem with the whole source. */
    public Reject reject() {
        return reject;
    }

    @Override
    public String parameter() {
        return reject == null ? null : reject.field();
    }

    @Override
    public String value() {
        return reject == null ? null : reject.value();
    }

    @Override
    public long line() {
        return reject == null ? 0 : reject.line();
    }
}
