package io.dgas.calc.format;

import io.dgas.DgasException;

/** A bars file could not be read; names the source, line and field. */
public class UnableToParseException extends DgasException implements io.dgas.UserError {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    public UnableToParseException(String source, int line, String message, Throwable cause) {
        super(source + ":" + line + ": " + message, cause);
        this.source = source;
        this.line = line;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }
}
