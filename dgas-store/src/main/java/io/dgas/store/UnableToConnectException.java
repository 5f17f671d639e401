package io.dgas.store;

import io.dgas.DgasException;

/** The database cannot be reached or did not hand out a connection in time. */
public class UnableToConnectException extends DgasException {
    private static final long serialVersionUID = 1L;

    public UnableToConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
