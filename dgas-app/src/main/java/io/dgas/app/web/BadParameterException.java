package io.dgas.app.web;

import io.dgas.DgasException;
import io.dgas.UserError;
import java.util.List;

/** A request parameter the API cannot use: HTTP 400 naming it, its value and what is accepted, never a 500. */
final class BadParameterException extends DgasException implements UserError {
    private static final long serialVersionUID = 1L;
    private final String parameter;
    private final String value;
    private final List<String> accepted;

    BadParameterException(String parameter, String value, String message, List<String> accepted) {
        super(message);
        this.parameter = parameter;
        this.value = value;
        this.accepted = List.copyOf(accepted);
    }

    /** Not fitting its definition {@code p}. */
    BadParameterException(Param p, String value, String message) {
        this(p.name(), value, message, p.accepted());
    }

    @Override
    public String parameter() {
        return parameter;
    }

    @Override
    public String value() {
        return value;
    }

    List<String> accepted() {
        return accepted;
    }
}
