package io.dgas.app.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop HTTP/1.1 clients driven as wrk drives its connections: a few threads, each with a {@link Selector} over
 * non-blocking connections, and each connection a browser tab that loads a page (a few requests, one after the other
 * on its kept-alive connection) and asks for the next request once the answer's last byte is in. A thread per
 * connection woke a client thread and a server thread per request, and on the two cores they share with the server
 * those switches and the 32 blocking threads' reads were much of what a cached request cost; here one thread reads
 * whichever answers are ready. A request's latency runs from its write to its answer's last byte
 * ({@link HttpAnswerParser}: {@code Content-Length}, chunked or close-delimited bodies, dropped unread). A tab keeps the
 * ETag of each URL it got and, when revalidating, sends it in {@code If-None-Match} as a browser does. When the server
 * closes the connection the tab connects anew; a request that met a closed idle connection is sent once more.
 *
 * <p>The tabs, their connections and their ETags live as long as this object, across runs (warm-up, then measured).
 * Not thread-safe: one {@link #run} at a time.
 */
final class EventLoopLoad implements AutoCloseable {
    /** Each tab's next page, from its loop's thread: a page index, or -1 when the tab is done. */
    @FunctionalInterface
    interface Pages {
        int next(int tab);
    }

    /** One run: histograms (all requests, then per request of the page), the loops' own CPU time, errors, 304s. */
    record Result(Histogram[] h, long clientCpuNanos, long errors, long notModified) {}

    private static final byte[] CRLF = {'\r', '\n'};
    /** Beyond this many failed requests in a row on one tab the server is taken as gone and the run ends. */
    private static final int MAX_FAILURES_IN_A_ROW = 10;

    private static final int READ_BUFFER = 64 * 1024;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final InetSocketAddress address;
    /** {@code [page][request]}: the request's bytes up to the blank line that ends its head. */
    private final byte[][][] heads;

    private final Loop[] loops;
    private final Tab[] tabs;

    /**
     * @param pages {@code [page][request]} the path and query of each request of each page
     * @param headers header lines sent with every request (each ending in CRLF), after {@code Host}
     * @param connections the tabs, each its own connection (opened on its first request)
     * @param threads event-loop threads, the tabs dealt among them
     */
    EventLoopLoad(String host, int port, String[][] pages, String headers, int connections, int threads)
            throws IOException {
        this.address = new InetSocketAddress(host, port);
        this.heads = new byte[pages.length][][];
        for (int p = 0; p < pages.length; p++) {
            heads[p] = new byte[pages[p].length][];
            for (int r = 0; r < pages[p].length; r++) {
                heads[p][r] = ("GET " + pages[p][r] + " HTTP/1.1\r\nHost: " + host + ':' + port + "\r\n" + headers)
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
        }
        this.loops = new Loop[Math.max(1, Math.min(threads, connections))];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new Loop(Selector.open());
        }
        this.tabs = new Tab[connections];
        for (int t = 0; t < connections; t++) {
            tabs[t] = new Tab(t, loops[t % loops.length]);
        }
    }

    /**
     * Runs tabs {@code [0, active)} until {@code pages} has said -1 to each; every answer's latency goes into
     * {@code h[0]} and {@code h[1 + request]}.
     *
     * @param revalidate send the ETag last got for a URL in {@code If-None-Match}
     */
    Result run(int active, Pages pages, boolean revalidate) {
        List<FutureTask<Result>> runs = new ArrayList<>();
        for (Loop loop : loops) {
            FutureTask<Result> task = new FutureTask<>(() -> loop.run(active, pages, revalidate));
            runs.add(task);
            Thread thread = new Thread(task, "load-loop-" + runs.size());
            thread.setDaemon(true);
            thread.start();
        }
        Histogram[] h = histograms();
        long cpu = 0;
        long errors = 0;
        long notModified = 0;
        try {
            for (FutureTask<Result> run : runs) {
                Result r = run.get();
                for (int i = 0; i < h.length; i++) {
                    h[i].add(r.h()[i]);
                }
                cpu += r.clientCpuNanos();
                errors += r.errors();
                notModified += r.notModified();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark client interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "benchmark client failed: " + e.getCause().getMessage(), e.getCause());
        }
        return new Result(h, cpu, errors, notModified);
    }

    private Histogram[] histograms() {
        int requests = 0;
        for (byte[][] page : heads) {
            requests = Math.max(requests, page.length);
        }
        Histogram[] h = new Histogram[1 + requests];
        for (int i = 0; i < h.length; i++) {
            h[i] = new Histogram(3);
        }
        return h;
    }

    @Override
    public void close() {
        for (Tab t : tabs) {
            t.disconnect();
        }
        for (Loop l : loops) {
            try {
                l.selector.close();
            } catch (IOException ignored) {
                // closing a selector no longer used: nothing to do
            }
        }
    }

    /** One event-loop thread's selector, read buffer and tallies for the run under way. */
    private final class Loop {
        final Selector selector;
        final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER);
        Histogram[] h;
        Pages pages;
        boolean revalidate;
        int busy;
        long errors;
        long notModified;

        Loop(Selector selector) {
            this.selector = selector;
        }

        Result run(int active, Pages pages, boolean revalidate) throws IOException {
            long cpu = THREADS.getCurrentThreadCpuTime();
            this.h = histograms();
            this.pages = pages;
            this.revalidate = revalidate;
            busy = 0;
            errors = 0;
            notModified = 0;
            for (int t = 0; t < active; t++) {
                if (tabs[t].loop == this) {
                    busy++;
                    tabs[t].nextPage();
                }
            }
            while (busy > 0) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    Tab tab = (Tab) key.attachment();
                    if (key.isValid() && key.isWritable()) {
                        tab.flush();
                    }
                    if (key.isValid() && key.isReadable()) {
                        tab.readable();
                    }
                }
                selector.selectedKeys().clear();
            }
            return new Result(h, THREADS.getCurrentThreadCpuTime() - cpu, errors, notModified);
        }
    }

    /** One browser tab: its connection, the page and request under way, the ETags it got. */
    private final class Tab {
        final int index;
        final Loop loop;
        final HttpAnswerParser parser = new HttpAnswerParser();
        final ByteBuffer out = ByteBuffer.allocateDirect(16 * 1024);
        /** {@code [page][request]}: the {@code If-None-Match} line for the ETag last got, null before one. */
        final byte[][][] ifNoneMatch = new byte[heads.length][][];

        SocketChannel channel;
        SelectionKey key;
        /** The page under way, -1 when the tab is idle (between runs, or done in this one). */
        int page = -1;

        int request;
        long start;
        /** Answers read on this connection: a request on a used one that meets a close is sent again, once. */
        int answersOnChannel;

        boolean resent;
        /** Requests failed in a row: a server that takes connections and fails every request ends the run. */
        int failures;

        Tab(int index, Loop loop) {
            this.index = index;
            this.loop = loop;
        }

        void nextPage() {
            page = loop.pages.next(index);
            if (page < 0) {
                loop.busy--;
                return;
            }
            request = 0;
            send();
        }

        /** Writes the request under way, timed from now, on the connection (opened if there is none). */
        void send() {
            start = System.nanoTime();
            resent = false;
            write();
        }

        private void write() {
            parser.reset();
            if (channel == null) {
                connect();
            }
            out.clear();
            out.put(heads[page][request]);
            byte[][] tags = ifNoneMatch[page];
            if (loop.revalidate && tags != null && tags[request] != null) {
                out.put(tags[request]);
            }
            out.put(CRLF).flip();
            flush();
        }

        void flush() {
            try {
                channel.write(out);
                int ops = out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
                if (key.interestOps() != ops) {
                    key.interestOps(ops);
                }
            } catch (IOException e) {
                failed(e);
            }
        }

        void readable() {
            if (page < 0) {
                disconnect(); // an idle tab's connection closed by the server (or answering what none asked)
                return;
            }
            try {
                while (true) {
                    loop.in.clear();
                    int n = channel.read(loop.in);
                    if (n < 0) {
                        if (parser.closed()) {
                            answered();
                        } else {
                            failed(new EOFException("the server closed the connection"));
                        }
                        return;
                    }
                    if (n == 0) {
                        return;
                    }
                    int end = parser.feed(loop.in, 0, n);
                    if (end >= 0) {
                        if (end != n) {
                            throw new IOException("bytes after the answer, none asked for");
                        }
                        answered();
                        return;
                    }
                    if (n < loop.in.capacity()) {
                        return; // the socket is drained: wait for the selector
                    }
                }
            } catch (IOException e) {
                failed(e);
            }
        }

        private void answered() {
            failures = 0;
            long nanos = System.nanoTime() - start;
            loop.h[0].recordValue(nanos);
            loop.h[1 + request].recordValue(nanos);
            answersOnChannel++;
            int status = parser.status();
            if (status == 304) {
                loop.notModified++;
            } else if (status != 200) {
                loop.errors++;
            } else if (parser.etag() != null) {
                if (ifNoneMatch[page] == null) {
                    ifNoneMatch[page] = new byte[heads[page].length][];
                }
                ifNoneMatch[page][request] =
                        ("If-None-Match: " + parser.etag() + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            }
            if (parser.closes()) {
                disconnect();
            }
            next();
        }

        /** The request under way failed: sent once more on a new connection if it met a closed idle one. */
        private void failed(IOException e) {
            boolean again = answersOnChannel > 0 && parser.untouched() && !resent;
            disconnect();
            if (again) {
                resent = true;
                write();
            } else {
                loop.errors++;
                if (++failures > MAX_FAILURES_IN_A_ROW) {
                    throw new UncheckedIOException(
                            failures + " requests in a row failed on " + address + ": " + e.getMessage(), e);
                }
                next();
            }
        }

        private void next() {
            if (++request < heads[page].length) {
                send();
            } else {
                nextPage();
            }
        }

        /** A new connection; none to be had ends the run (the server is gone, there is nothing left to measure). */
        private void connect() {
            try {
                SocketChannel c = SocketChannel.open();
                try {
                    c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    c.socket().connect(address, 10_000);
                    c.configureBlocking(false);
                    key = c.register(loop.selector, SelectionKey.OP_READ, this);
                } catch (IOException e) {
                    c.close();
                    throw e;
                }
                channel = c;
                answersOnChannel = 0;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot connect to " + address + ": " + e.getMessage(), e);
            }
        }

        void disconnect() {
            if (channel != null) {
                key.cancel();
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing a connection the benchmark no longer uses: nothing to do
                }
                channel = null;
                key = null;
            }
        }
    }
}
