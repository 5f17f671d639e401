package io.dgas.store.api;

import io.dgas.DgasException;

/** The API could not be reached or kept failing (429, 5xx, network) after every attempt. */
public final class UnableToFetchException extends DgasException {
    private static final long serialVersionUID = 1L;

    public UnableToFetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
