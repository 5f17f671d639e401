package io.dgas;

/**
 * Marks exceptions caused by what the user gave (a file, a flag, a configuration value) rather than by the system:
 * the CLI exits with status 2 for these, and prints the message without a stack trace.
 */
public interface UserError {
    /** The parameter, option, field or column at fault, or null when the failure names none. */
    default String parameter() {
        return null;
    }

    /** The value given for it, as given, or null. */
    default String value() {
        return null;
    }

    /** The line of a data file at fault (1-based), or 0 when the failure is not about one line. */
    default long line() {
        return 0;
    }
}
