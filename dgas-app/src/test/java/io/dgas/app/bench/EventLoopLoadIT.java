package io.dgas.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's event-loop client against a scripted server on loopback, one tab over three runs: a sized body, one
 * larger than the read buffer (header names in lower case, odd spacing) and a chunked one on one kept-alive
 * connection; then, revalidating, a 304 that closes the connection, a 404 on a new one and a body delimited by the
 * close; then an answer after which the server drops the idle connection, so the next request is sent once more on a
 * new one. Checks the request lines as sent (with If-None-Match), the answers per connection and the tallies.
 */
class EventLoopLoadIT {
    private static final String[] ANSWERS = {
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nETag: W/\"a1\"\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\ncontent-length:300000\r\nETag:  W/\"big\" \r\n\r\n" + "x".repeat(300_000),
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n4;x=y\r\ndefg\r\n0\r\n\r\n",
        "HTTP/1.1 304 Not Modified\r\nETag: W/\"a1\"\r\nConnection: close\r\n\r\n",
        "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\n\r\ndelimited by the close",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
    };
    /** Whether the server closes the connection after each answer. */
    private static final boolean[] CLOSE_AFTER = {false, false, false, true, false, true, true, false};

    @Test
    void run_keptAliveRevalidatedAndClosedConnections_readsEveryAnswerAndReconnects() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        List<Integer> connections = new CopyOnWriteArrayList<>();
        String[][] pages = {{"/a?x=1", "/big", "/b"}, {"/y", "/z"}};
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> serve(server, requests, connections));
            t.setDaemon(true);
            t.start();

            EventLoopLoad.Result first;
            EventLoopLoad.Result revalidated;
            EventLoopLoad.Result dropped;
            try (EventLoopLoad load = new EventLoopLoad(
                    "127.0.0.1", server.getLocalPort(), pages, "Accept: application/json\r\n", 1, 1)) {
                first = load.run(1, once(0), false);
                revalidated = load.run(1, once(0), true);
                dropped = load.run(1, once(1), false);
            }
            t.join(10_000);

            assertThat(first.h()[0].getTotalCount()).isEqualTo(3);
            assertThat(first.h()[2].getTotalCount()).isEqualTo(1); // one answer timed per request of the page
            assertThat(first.errors()).isZero();
            assertThat(revalidated.notModified()).isEqualTo(1);
            assertThat(revalidated.errors()).isEqualTo(1); // the 404
            assertThat(dropped.h()[0].getTotalCount()).isEqualTo(2);
            assertThat(dropped.errors()).isZero();
            assertThat(first.clientCpuNanos()).isPositive();
        }
        assertThat(requests)
                .containsExactly(
                        "GET /a?x=1 HTTP/1.1",
                        "GET /big HTTP/1.1",
                        "GET /b HTTP/1.1",
                        "GET /a?x=1 HTTP/1.1 If-None-Match: W/\"a1\"",
                        "GET /big HTTP/1.1 If-None-Match: W/\"big\"",
                        "GET /b HTTP/1.1",
                        "GET /y HTTP/1.1",
                        "GET /z HTTP/1.1");
        // three answers, then the 304 closes; the 404 and the close-delimited body; /y then dropped; /z anew
        assertThat(connections).containsExactly(4, 2, 1, 1);
    }

    @Test
    void run_serverClosingEveryConnection_endsTheRunNamingTheFailures() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        s.shutdownOutput(); // closed without an answer: the request meets the end of the stream
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();

            try (EventLoopLoad load =
                    new EventLoopLoad("127.0.0.1", server.getLocalPort(), new String[][] {{"/a"}}, "", 1, 1)) {
                assertThatThrownBy(() -> load.run(1, tab -> 0, false)) // pages without end: only failing stops it
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("requests in a row failed");
            }
        }
    }

    /** Page {@code page} once for tab 0, then done. */
    private static EventLoopLoad.Pages once(int page) {
        boolean[] given = {false};
        return tab -> {
            if (given[0]) {
                return -1;
            }
            given[0] = true;
            return page;
        };
    }

    /**
     * Answers {@link #ANSWERS} in order, closing after those {@link #CLOSE_AFTER} says; records each request line
     * (with If-None-Match and checking the Accept header came along) and the answers per connection.
     */
    private static void serve(ServerSocket server, List<String> requests, List<Integer> connections) {
        int next = 0;
        try {
            while (next < ANSWERS.length) {
                try (Socket s = server.accept()) {
                    BufferedReader in =
                            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                    OutputStream out = s.getOutputStream();
                    int answered = 0;
                    while (next < ANSWERS.length) {
                        String line = in.readLine();
                        if (line == null) {
                            break;
                        }
                        StringBuilder seen = new StringBuilder(line);
                        boolean accept = false;
                        for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                            if (h.startsWith("If-None-Match:")) {
                                seen.append(' ').append(h);
                            }
                            accept |= h.equals("Accept: application/json");
                        }
                        requests.add(accept ? seen.toString() : seen + " (no Accept header)");
                        out.write(ANSWERS[next].getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        answered++;
                        if (CLOSE_AFTER[next++]) {
                            break;
                        }
                    }
                    connections.add(answered);
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
