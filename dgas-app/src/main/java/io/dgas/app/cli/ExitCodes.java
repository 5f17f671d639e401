package io.dgas.app.cli;

import io.dgas.DgasException;
import io.dgas.UserError;
import io.dgas.store.UnableToConnectException;
import picocli.CommandLine;

/** The one place that maps failures to exit codes. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The work failed at run time (a statement, a file write, a run that did not succeed). */
    public static final int FAILURE = 1;
    /** Bad input: arguments, configuration, data files. */
    public static final int BAD_INPUT = 2;
    /** The database could not be reached or started. */
    public static final int DB_UNAVAILABLE = 3;
    /** A bug: an exception nobody expected. */
    public static final int INTERNAL = 4;

    private ExitCodes() {}

    public static int of(Throwable t) {
        if (t instanceof UserError || t instanceof CommandLine.ParameterException) {
            return BAD_INPUT;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnableToConnectException) {
                return DB_UNAVAILABLE;
            }
        }
        // a file that could not be read or written is the machine's state, not a bug: one line, no stack trace
        if (t instanceof DgasException
                || t instanceof java.io.IOException
                || t instanceof java.io.UncheckedIOException) {
            return FAILURE;
        }
        return INTERNAL;
    }
}
