package io.dgas.store.ingest;

import io.dgas.store.UnableToConnectException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Where a load is (reading and copying, checking, upserting, committing), so that a database that goes away
 * mid-load is reported in one line that says where, and whether anything was committed, instead of a driver's
 * "Connection is closed".
 */
final class LoadStage {
    static final String COMMIT = "commit";

    private volatile String stage = "start";
    private volatile CsvReader csv;

    void enter(String name) {
        stage = name;
    }

    /** Enters the copy stage; the line read when it fails is named. */
    void copying(CsvReader reader) {
        csv = reader;
        stage = "copy";
    }

    /**
     * {@code e} as thrown, or, when it means the connection or the server was lost, an {@link
     * UnableToConnectException} saying so for {@code sources}: where it happened and that nothing of them was
     * committed (or, lost during the commit itself, that the outcome is unknown).
     */
    RuntimeException translate(String sources, RuntimeException e) {
        if (stage.equals("start") || !connectionLost(e)) {
            return e; // not connected yet: the pool's own message says why
        }
        String where = stage.equals("copy") && csv != null ? "copy, at line " + csv.lineNumber() : stage;
        String outcome = stage.equals(COMMIT)
                ? "whether " + sources + " was committed is unknown"
                : "nothing of " + sources + " was committed";
        return new UnableToConnectException(
                "the database server went away while loading " + sources + " (stage " + where + "); " + outcome
                        + "; re-run the same command when it is back (ingest is idempotent)",
                e);
    }

    /** Whether {@code t} or a cause is a lost connection: SQLState 08xxx or 57Pxx, or a closed connection. */
    static boolean connectionLost(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnableToConnectException) {
                return true;
            }
            if (c instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                String m = sql.getMessage();
                if (m != null && m.toLowerCase(Locale.ROOT).contains("connection is closed")) {
                    return true;
                }
            }
        }
        return false;
    }
}
