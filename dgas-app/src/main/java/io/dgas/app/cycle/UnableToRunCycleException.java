package io.dgas.app.cycle;

import io.dgas.DgasException;

/** A prediction cycle could not complete; the message names the run when one was recorded. */
public class UnableToRunCycleException extends DgasException {
    private static final long serialVersionUID = 1L;

    public UnableToRunCycleException(String message) {
        super(message);
    }

    public UnableToRunCycleException(String message, Throwable cause) {
        super(message, cause);
    }
}
