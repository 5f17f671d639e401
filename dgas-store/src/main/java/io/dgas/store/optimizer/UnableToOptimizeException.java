package io.dgas.store.optimizer;

import io.dgas.DgasException;

/** An optimizer or maintenance action could not be carried out (lock held elsewhere, build failed, …). */
public final class UnableToOptimizeException extends DgasException {
    private static final long serialVersionUID = 1L;

    public UnableToOptimizeException(String message) {
        super(message);
    }

    public UnableToOptimizeException(String message, Throwable cause) {
        super(message, cause);
    }
}
