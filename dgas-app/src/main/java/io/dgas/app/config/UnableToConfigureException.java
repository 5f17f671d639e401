package io.dgas.app.config;

import io.dgas.DgasException;
import io.dgas.UserError;

/** The configuration is invalid; the message names the key, where it was set and the accepted range. */
public class UnableToConfigureException extends DgasException implements UserError {
    private static final long serialVersionUID = 1L;

    public UnableToConfigureException(String message) {
        super(message);
    }
}
