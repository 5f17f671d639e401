package io.dgas.app.service;

import io.dgas.DgasException;
import io.dgas.UserError;

/** What a request names does not exist (a run id, …): HTTP 404, exit 2 on the command line. */
public final class NotFoundException extends DgasException implements UserError {
    private static final long serialVersionUID = 1L;
    private final String parameter;
    private final String value;

    public NotFoundException(String parameter, String value, String message) {
        super(message);
        this.parameter = parameter;
        this.value = value;
    }

    /** The name of what was looked up ({@code id}). */
    @Override
    public String parameter() {
        return parameter;
    }

    /** The value as given. */
    @Override
    public String value() {
        return value;
    }
}
