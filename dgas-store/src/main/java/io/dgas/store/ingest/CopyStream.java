package io.dgas.store.ingest;

import io.dgas.store.SqlSession;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A binary {@code COPY … FROM STDIN} in progress on a session's connection, fed through a {@link PgBinaryWriter}.
 * While it is open the connection accepts nothing else; {@link #cancel()} aborts it so the transaction can roll back.
 */
final class CopyStream {
    private static final int BUFFER = 1 << 18;

    private final CopyIn copy;
    private final PgBinaryWriter writer;

    private CopyStream(CopyIn copy) throws SQLException {
        this.copy = copy;
        this.writer = new PgBinaryWriter(copy::writeToCopy, BUFFER);
    }

    /** Starts {@code COPY <table> (<columns>) FROM STDIN (FORMAT binary)}; table and columns are code constants. */
    static CopyStream open(SqlSession s, String name, String tableAndColumns) throws SQLException {
        String sql = SqlSession.named(name, "COPY " + tableAndColumns + " FROM STDIN (FORMAT binary)");
        return new CopyStream(
                s.connection().unwrap(PGConnection.class).getCopyAPI().copyIn(sql));
    }

    PgBinaryWriter writer() {
        return writer;
    }

    /** Ends the COPY; returns the rows the server accepted. */
    long finish() throws SQLException {
        writer.finish();
        return copy.endCopy();
    }

    /** Aborts the COPY if still active; never throws (the caller is already failing). */
    void cancel() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the transaction rolls back anyway; the original failure is what matters
        }
    }
}
