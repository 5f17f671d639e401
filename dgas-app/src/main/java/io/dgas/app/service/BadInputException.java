package io.dgas.app.service;

import io.dgas.DgasException;
import io.dgas.UserError;
import java.util.List;

/**
 * Input a service cannot use, naming the field at fault, its value and what is accepted: HTTP 400, exit 2 on the
 * command line.
 */
public final class BadInputException extends DgasException implements UserError {
    private static final long serialVersionUID = 1L;
    private final String parameter;
    private final String value;
    private final List<String> accepted;

    public BadInputException(String parameter, String value, String message, List<String> accepted) {
        super(message);
        this.parameter = parameter;
        this.value = value;
        this.accepted = List.copyOf(accepted);
    }

    /** The field or parameter at fault ({@code threshold}). */
    @Override
    public String parameter() {
        return parameter;
    }

    /** The value as given (may be null). */
    @Override
    public String value() {
        return value;
    }

    /** What would have been accepted. */
    public List<String> accepted() {
        return accepted;
    }
}
