package io.dgas.store;

import io.dgas.DgasException;

/** A named SQL statement failed. The message names the statement, never its bound values. */
public class UnableToExecuteStatementException extends DgasException {
    private static final long serialVersionUID = 1L;
    private final String statementName;

    public UnableToExecuteStatementException(String statementName, Throwable cause) {
        super("statement '" + statementName + "' failed: " + (cause == null ? "" : cause.getMessage()), cause);
        this.statementName = statementName;
    }

    public String statementName() {
        return statementName;
    }
}
