package io.dgas.app.cli;

import io.dgas.DgasException;
import io.dgas.UserError;

/** An option value the command cannot use; exit code 2. */
final class BadArgumentException extends DgasException implements UserError {
    private static final long serialVersionUID = 1L;

    BadArgumentException(String message) {
        super(message);
    }
}
