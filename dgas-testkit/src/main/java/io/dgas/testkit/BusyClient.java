package io.dgas.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;

/**
 * A client of a test database at work: its own connection running {@code SELECT pg_sleep(seconds)} on a thread of
 * its own, for tests of what lists and stops live queries. {@link #outcome} completes with how the statement ended:
 * null when it ran to its end, else the {@link SQLException} (SQLSTATE {@code 57014} once cancelled, a closed
 * connection once terminated). Closing it closes the connection (ending the statement).
 */
public final class BusyClient implements AutoCloseable {
    /** SQLSTATE of a statement cancelled on request. */
    public static final String CANCELLED = "57014";

    private final Connection connection;
    private final int pid;
    private final CompletableFuture<SQLException> outcome = new CompletableFuture<>();

    private BusyClient(Connection connection, int pid) {
        this.connection = connection;
        this.pid = pid;
    }

    /** Opens a connection to {@code jdbcUrl} and starts its statement, sleeping {@code seconds}. */
    public static BusyClient sleeping(String jdbcUrl, int seconds) throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl);
        int pid;
        try (Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        BusyClient b = new BusyClient(c, pid);
        Thread t = new Thread(
                () -> {
                    try (Statement st = c.createStatement()) {
                        st.execute("SELECT pg_sleep(" + seconds + ") /* busy client */");
                        b.outcome.complete(null);
                    } catch (SQLException e) {
                        b.outcome.complete(e);
                    }
                },
                "busy-client-" + pid);
        t.setDaemon(true);
        t.start();
        return b;
    }

    /** The server process serving the connection. */
    public int pid() {
        return pid;
    }

    /** How the statement ended (see the class notes). */
    public CompletableFuture<SQLException> outcome() {
        return outcome;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
