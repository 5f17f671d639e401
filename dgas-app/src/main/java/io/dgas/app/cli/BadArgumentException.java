package io.dgas.app.cli;

import io.dgas.DgasException;
import io.dgas.UserError;

/** An option value the command cannot use; exit code 2. */
public final class BadArgumentException extends DgasException implements UserError {
    private static final long serialVersionUID = 1L;
    private final String parameter;
    private final String value;

    public BadArgumentException(String message) {
        this(null, null, message);
    }

    /**
     * @param parameter the option or configuration key at fault ({@code --port}), or null
     * @param value the value given, or null
     */
    public BadArgumentException(String parameter, String value, String message) {
        super(message);
        this.parameter = parameter;
        this.value = value;
    }

    /** The option or key at fault, or null when the message is all there is. */
    @Override
    public String parameter() {
        return parameter;
    }

    /** The value given, or null. */
    @Override
    public String value() {
        return value;
    }
}
