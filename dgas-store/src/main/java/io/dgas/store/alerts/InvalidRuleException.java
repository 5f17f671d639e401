package io.dgas.store.alerts;

import io.dgas.DgasException;
import io.dgas.UserError;

/** An alert rule that cannot be stored as given (duplicate name, unknown symbol, bad combination). */
public class InvalidRuleException extends DgasException implements UserError {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;

    public InvalidRuleException(String message) {
        this(null, null, message);
    }

    /** A rule whose {@code field} (as the API names it: {@code name}, {@code symbol}) cannot be {@code value}. */
    public InvalidRuleException(String field, String value, String message) {
        super(message);
        this.field = field;
        this.value = value;
    }

    /** The field at fault, or null. */
    public String field() {
        return field;
    }

    @Override
    public String parameter() {
        return field;
    }

    /** Its value, or null. */
    @Override
    public String value() {
        return value;
    }
}
