package io.dgas;

/**
 * The one unchecked root of every dgas failure.
 *
 * <p>Subclasses are named {@code UnableTo…Exception} and carry the context an operator needs to act (symbol,
 * timeframe, file and line, SQL name). Messages never contain secrets or bound SQL values.
 */
public class DgasException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DgasException(String message) {
        super(message);
    }

    public DgasException(String message, Throwable cause) {
        super(message, cause);
    }
}
