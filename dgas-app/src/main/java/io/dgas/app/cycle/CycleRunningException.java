package io.dgas.app.cycle;

import io.dgas.DgasException;

/** A cycle was asked for while another was running on the same database (HTTP 409); nothing was started. */
public final class CycleRunningException extends DgasException {
    private static final long serialVersionUID = 1L;

    public CycleRunningException() {
        super("a prediction cycle is running; try again when it has finished");
    }
}
