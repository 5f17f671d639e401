package io.dgas.store.migrate;

import io.dgas.DgasException;

/** A migration failed or the database's history disagrees with the code's migrations. */
public class UnableToMigrateException extends DgasException {
    private static final long serialVersionUID = 1L;

    public UnableToMigrateException(String message, Throwable cause) {
        super("migration failed: " + message, cause);
    }
}
