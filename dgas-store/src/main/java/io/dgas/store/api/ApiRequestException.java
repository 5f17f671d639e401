package io.dgas.store.api;

import io.dgas.DgasException;
import io.dgas.UserError;

/** The API refused the request for a reason retrying cannot fix (bad key, unknown symbol, bad parameters). */
public final class ApiRequestException extends DgasException implements UserError {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ApiRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** HTTP status, or 0 when the request was refused before sending. */
    public int status() {
        return status;
    }
}
