package io.dgas.calc.format;

import io.dgas.DgasException;

/** A bars file of a test could not be read; names the source, line and field. */
public class UnableToParseException extends DgasException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String field;
    private final String value;

    public UnableToParseException(String source, int line, String message, Throwable cause) {
        this(source, line, null, null, message, cause);
    }

    /**
     * @param field the column at fault, or null when the row or the file as a whole is
     * @param value its text as read, or null
     */
    public UnableToParseException(
            String source, int line, String field, String value, String message, Throwable cause) {
        super(source + ":" + line + ": " + message, cause);
        this.source = source;
        this.line = line;
        this.field = field;
        this.value = value;
    }

    /** The column at fault, or null. */
    public String field() {
        return field;
    }

    /** The field's text as read, or null. */
    public String value() {
        return value;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }
}
