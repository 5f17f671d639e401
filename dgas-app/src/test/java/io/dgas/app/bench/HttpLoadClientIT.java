package io.dgas.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The benchmark's HTTP client against a scripted server on loopback: a sized body, one larger than the client's
 * buffer (header names in lower case, odd spacing), a chunked one and a 304 on one
 * kept-alive connection, the request lines as sent, and a new connection after the server closes one.
 */
class HttpLoadClientIT {
    private static final String[] ANSWERS = {
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nETag: W/\"a1\"\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\ncontent-length:300000\r\nETag:  W/\"big\" \r\n\r\n" + "x".repeat(300_000),
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n4;x=y\r\ndefg\r\n0\r\n\r\n",
        "HTTP/1.1 304 Not Modified\r\nETag: W/\"a1\"\r\nConnection: close\r\n\r\n",
        "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}"
    };

    @Test
    void get_sizedChunkedAnd304ThenClosed_readsEachAndReconnects() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        List<Integer> connections = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> serve(server, requests, connections));
            t.setDaemon(true);
            t.start();

            try (HttpLoadClient client = new HttpLoadClient("127.0.0.1", server.getLocalPort())) {
                HttpLoadClient.Answer sized = client.get("/a?x=1", null);
                HttpLoadClient.Answer big = client.get("/big", null);
                HttpLoadClient.Answer chunked = client.get("/b", null);
                HttpLoadClient.Answer notModified = client.get("/a?x=1", "W/\"a1\"");
                HttpLoadClient.Answer afterClose = client.get("/c", null);

                assertThat(sized).isEqualTo(new HttpLoadClient.Answer(200, "W/\"a1\"", 5));
                assertThat(big).isEqualTo(new HttpLoadClient.Answer(200, "W/\"big\"", 300_000));
                assertThat(chunked).isEqualTo(new HttpLoadClient.Answer(200, null, 7));
                assertThat(notModified).isEqualTo(new HttpLoadClient.Answer(304, "W/\"a1\"", 0));
                assertThat(afterClose.status()).isEqualTo(404);
            }
            t.join(10_000);
        }
        assertThat(requests)
                .containsExactly(
                        "GET /a?x=1 HTTP/1.1",
                        "GET /big HTTP/1.1",
                        "GET /b HTTP/1.1",
                        "GET /a?x=1 HTTP/1.1 If-None-Match: W/\"a1\"",
                        "GET /c HTTP/1.1");
        assertThat(connections).containsExactly(4, 1); // four answers on the first connection, then a new one
    }

    /** Answers {@link #ANSWERS} in order; records each request line (with If-None-Match) and answers per connection. */
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
                        for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                            if (h.startsWith("If-None-Match:")) {
                                seen.append(' ').append(h);
                            }
                        }
                        requests.add(seen.toString());
                        String answer = ANSWERS[next++];
                        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        answered++;
                        if (answer.contains("Connection: close")) {
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
