package io.dgas.store.embedded;

import io.dgas.store.UnableToConnectException;

/** The embedded PostgreSQL could not be started or stopped; the message names the data directory. */
public class UnableToStartEmbeddedDatabaseException extends UnableToConnectException {
    private static final long serialVersionUID = 1L;

    public UnableToStartEmbeddedDatabaseException(String message) {
        super(message, null);
    }

    public UnableToStartEmbeddedDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
