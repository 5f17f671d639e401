package io.dgas.store.ingest;

import io.dgas.DgasException;

/**
 * A load could not finish for a reason outside its input, such as a lock another session held past the lock timeout
 * or deadlocks that persisted through every retry; nothing from it was committed. The message names the source and,
 * for a lock, the blocking session.
 */
public final class UnableToIngestException extends DgasException {
    private static final long serialVersionUID = 1L;

    public UnableToIngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
