package io.dgas.store.optimizer;

import io.dgas.DgasException;
import io.dgas.UserError;

/** A table or index named by the user does not exist in the catalog (exit code 2). */
public final class UnableToResolveTableException extends DgasException implements UserError {
    private static final long serialVersionUID = 1L;

    public UnableToResolveTableException(String message) {
        super(message);
    }
}
