package io.dgas.app.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A real server-sent-event client: streams the body of {@code GET /api/v1/events} and parses it as it arrives. */
final class SseStream implements AutoCloseable {
    /** One parsed item: an event (name and data) or a comment (name null, data the comment text). */
    record Item(String event, String data) {
        boolean isComment() {
            return event == null;
        }
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);

    SseStream(int port, String token) throws Exception {
        this(port, token, "");
    }

    /** A stream of {@code /api/v1/events} plus {@code query} (e.g. {@code ?types=bars}). */
    SseStream(int port, String token, String query) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/events" + query))
                .header("Accept", "text/event-stream")
                .GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofLines());
        reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        String event = null;
        List<String> data = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            for (var it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith(":")) {
                    items.add(new Item(null, line.substring(1).trim()));
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).trim());
                } else if (line.isEmpty() && event != null) {
                    items.add(new Item(event, String.join("\n", data)));
                    event = null;
                    data.clear();
                }
            }
        } catch (RuntimeException e) {
            // the stream was closed by the test or the server
        } finally {
            ended.countDown();
        }
    }

    /** Whether the server ended the stream within {@code timeout}. */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next item matching {@code wanted} within {@code timeout}, skipping others; fails when none comes. */
    Item await(Predicate<Item> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Item i = left <= 0 ? null : items.poll(left, TimeUnit.NANOSECONDS);
            if (i == null) {
                throw new AssertionError("no matching event within " + timeout);
            }
            if (wanted.test(i)) {
                return i;
            }
        }
    }

    /**
     * Sends markers through {@code send} (one new text each second) until one comes back, so the stream has seen
     * everything sent before it: a server that has just started may not be listening yet, and a notification sent
     * before its LISTEN is gone.
     */
    void sync(java.util.function.Consumer<String> send, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = "sync-" + System.nanoTime();
            send.accept(text);
            try {
                await(i -> "marker".equals(i.event()) && i.data().contains(text), Duration.ofSeconds(1));
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no marker came back within " + timeout, e);
                }
            }
        }
    }

    /** The next event (comments skipped) within {@code timeout}. */
    Item nextEvent(Duration timeout) throws InterruptedException {
        return await(i -> !i.isComment(), timeout);
    }

    @Override
    public void close() {
        reader.interrupt();
        try {
            response.body().close();
        } catch (RuntimeException e) {
            // already closed
        }
    }
}
