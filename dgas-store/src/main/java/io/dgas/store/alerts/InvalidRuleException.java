package io.dgas.store.alerts;

import io.dgas.DgasException;
import io.dgas.UserError;

/** An alert rule that cannot be stored as given (duplicate name, unknown symbol, bad combination). */
public class InvalidRuleException extends DgasException implements UserError {
    private static final long serialVersionUID = 1L;

    public InvalidRuleException(String message) {
        super(message);
    }
}
