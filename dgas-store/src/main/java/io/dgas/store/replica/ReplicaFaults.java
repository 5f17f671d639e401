package io.dgas.store.replica;

import io.dgas.store.UnableToConnectException;
import java.sql.SQLException;

/** Whether a failed read on a replica was the replica's fault, and whether it is down (see {@link #classify}). */
final class ReplicaFaults {
    enum Kind {
        /** The replica cannot serve reads now: take it out and run the read on the primary. */
        DOWN,
        /** This read failed for the replica's sake, the replica stays in: run the read on the primary. */
        RETRY,
        /** The same would fail on the primary: the caller's failure. */
        CALLER
    }

    private ReplicaFaults() {}

    /**
     * By SQLSTATE, the first found along the causes: connection exceptions (class 08), operator intervention (57P:
     * shutting down, cannot connect now) and insufficient resources (class 53, e.g. too many connections) take the
     * replica out; a conflict with its recovery (40001 on a standby) and a write in its read-only transaction (25006)
     * only move this read; anything else (syntax, data, a missing relation) is the caller's. No SQLSTATE but a
     * connection failure (a pool that could not connect in time) takes it out.
     */
    static Kind classify(Throwable failure) {
        boolean connect = false;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            connect |= t instanceof UnableToConnectException;
            if (t instanceof SQLException e && e.getSQLState() != null) {
                String state = e.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
                    return Kind.DOWN;
                }
                if (state.equals("40001") || state.equals("25006")) {
                    return Kind.RETRY;
                }
                return Kind.CALLER;
            }
        }
        return connect ? Kind.DOWN : Kind.CALLER;
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
