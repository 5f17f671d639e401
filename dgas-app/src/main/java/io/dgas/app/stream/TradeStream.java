package io.dgas.app.stream;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the EODHD trade stream ({@code wss://ws.eodhistoricaldata.com/ws/crypto?api_token=…}): symbols are
 * subscribed in groups of at most {@value #MAX_SYMBOLS} per connection
 * ({@code {"action":"subscribe","symbols":"A,B"}}); a dropped connection is opened again with exponential backoff
 * (from {@code backoff}, doubling, capped at 64×), a heartbeat ping goes out every {@code heartbeat} and a connection
 * silent for three heartbeats is aborted and reopened. A reopened connection subscribes, then fills the gap since the
 * newest trade of each symbol from the REST history ({@link GapFill}) before it reads live frames again. Trades a
 * resumed feed or the history sends again are dropped and counted ({@link TradeDeduper}); new ones go to the {@link
 * StreamSink}. The token never appears in a log line.
 */
public final class TradeStream implements AutoCloseable {
    public static final int MAX_SYMBOLS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(TradeStream.class);

    private final URI endpoint;
    private final String token;
    private final StreamSink sink;
    private final Duration heartbeat;
    private final Duration backoff;
    private final GapFill gapFill;
    private final java.time.Clock clock;
    private final AtomicLong filled = new AtomicLong();
    private final AtomicLong gapFailures = new AtomicLong();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dgas-trade-stream");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dgas-trade-writer");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.atomic.AtomicBoolean storeQueued =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final List<Connection> connections = new ArrayList<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param endpoint e.g. {@code wss://ws.eodhistoricaldata.com/ws/crypto} (tests: a loopback server)
     * @param symbols tickers as the stream names them
     */
    public TradeStream(
            URI endpoint, String token, List<String> symbols, StreamSink sink, Duration heartbeat, Duration backoff) {
        this(endpoint, token, symbols, sink, heartbeat, backoff, GapFill.NONE, java.time.Clock.systemUTC());
    }

    /**
     * A stream that, on every reconnect, fills the gap since its newest trade of each symbol from {@code gapFill}
     * before it reads the live feed again (the trades go through the same deduplication, so none is doubled).
     *
     * @param clock says when "now" is for the gap's end
     */
    public TradeStream(
            URI endpoint,
            String token,
            List<String> symbols,
            StreamSink sink,
            Duration heartbeat,
            Duration backoff,
            GapFill gapFill,
            java.time.Clock clock) {
        this.gapFill = gapFill;
        this.clock = clock;
        this.endpoint = endpoint;
        this.token = token;
        this.sink = sink;
        this.heartbeat = heartbeat;
        this.backoff = backoff;
        for (int i = 0; i < symbols.size(); i += MAX_SYMBOLS) {
            connections.add(new Connection(List.copyOf(symbols.subList(i, Math.min(symbols.size(), i + MAX_SYMBOLS)))));
        }
    }

    /** Opens every connection (asynchronously) and starts the heartbeat. */
    public TradeStream start() {
        connections.forEach(c -> c.open(false));
        long ms = heartbeat.toMillis();
        timer.scheduleWithFixedDelay(() -> connections.forEach(Connection::beat), ms, ms, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Trade messages received, replays included. */
    public long received() {
        return received.get();
    }

    /** Trades dropped as replays of a resumed feed. */
    public long duplicates() {
        return duplicates.get();
    }

    /** Connections opened again after a drop. */
    public long reconnects() {
        return reconnects.get();
    }

    /** Trades taken from the REST history after reconnects (new ones only; overlaps count as duplicates). */
    public long filled() {
        return filled.get();
    }

    /** Gap fills that failed (the gap of that symbol stays open; the stream goes on). */
    public long gapFailures() {
        return gapFailures.get();
    }

    /** Connections (one per up to 50 symbols). */
    public int connections() {
        return connections.size();
    }

    /** Stops reading, closes the connections and stores every pending trade. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        connections.forEach(Connection::close);
        writer.submit(sink::flush);
        writer.shutdown();
        try {
            if (!writer.awaitTermination(2, TimeUnit.MINUTES)) {
                LOG.warn("trade stream {}: pending trades not stored within 2 min", endpoint);
            } else {
                LOG.info(
                        "trade stream {} closed: {} trades received, {} replays dropped, {} ticks stored in all",
                        endpoint,
                        received(),
                        duplicates(),
                        sink.ticksStored());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands a due batch to the writer thread, at most one queued at a time, so the reader never waits on storage. */
    private void storeSoon() {
        if (storeQueued.compareAndSet(false, true)) {
            writer.submit(() -> {
                storeQueued.set(false);
                try {
                    sink.store();
                } catch (RuntimeException e) {
                    LOG.warn("trade stream {}: storing completed bars failed: {}", endpoint, e.getMessage());
                }
            });
        }
    }

    private final class Connection implements WebSocket.Listener {
        private final List<String> symbols;
        private final TradeDeduper deduper = new TradeDeduper();
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket socket;
        private volatile long lastHeard = System.nanoTime();
        private volatile boolean reopened;
        private final java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean();
        private int failures;

        Connection(List<String> symbols) {
            this.symbols = symbols;
        }

        void open(boolean again) {
            if (closed) {
                return;
            }
            URI uri = URI.create(endpoint + "?api_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            reopened = again;
            http.newWebSocketBuilder().buildAsync(uri, this).whenComplete((ws, e) -> {
                if (e != null) {
                    LOG.warn(
                            "trade stream {}: cannot connect ({})",
                            endpoint,
                            e.getClass().getSimpleName());
                    retry();
                } else if (again) {
                    reconnects.incrementAndGet();
                }
            });
        }

        private synchronized void retry() {
            if (closed) {
                return;
            }
            long wait = backoff.toMillis() << Math.min(failures++, 6);
            timer.schedule(() -> open(true), wait, TimeUnit.MILLISECONDS);
        }

        @Override
        public void onOpen(WebSocket ws) {
            socket = ws;
            up.set(true);
            lastHeard = System.nanoTime();
            synchronized (this) {
                deduper.reconnected();
            }
            ws.sendText("{\"action\":\"subscribe\",\"symbols\":\"" + String.join(",", symbols) + "\"}", true);
            if (reopened) {
                // subscribed first, read after: live frames wait (unrequested) while the history covers the gap up
                // to now, so no trade falls between the two
                fillGap();
            }
            ws.request(1);
        }

        /** Takes the trades since the newest of each symbol from the REST history, through the deduplication. */
        private void fillGap() {
            long now = clock.instant().getEpochSecond();
            for (String symbol : symbols) {
                long newest;
                synchronized (this) {
                    newest = deduper.newest(symbol);
                }
                if (newest == Long.MIN_VALUE) {
                    continue; // nothing taken yet: no gap known
                }
                List<Trade> history;
                try {
                    history = gapFill.trades(symbol, Math.floorDiv(newest, 1000L), now);
                } catch (RuntimeException e) {
                    gapFailures.incrementAndGet();
                    LOG.warn("trade stream {}: filling the gap of {} failed: {}", endpoint, symbol, e.getMessage());
                    continue;
                }
                for (Trade t : history) {
                    take(t, true);
                }
            }
            synchronized (this) {
                // the live feed's trades at the history's newest time are counted against it afresh
                deduper.reconnected();
            }
        }

        private void take(Trade t, boolean fromHistory) {
            boolean fresh;
            synchronized (this) {
                fresh = deduper.accept(t);
                failures = 0;
            }
            if (fresh) {
                if (fromHistory) {
                    filled.incrementAndGet();
                }
                if (sink.accept(t)) {
                    storeSoon();
                }
            } else {
                duplicates.incrementAndGet();
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            lastHeard = System.nanoTime();
            partial.append(data);
            if (last) {
                Trade t = Trade.parse(partial.toString());
                partial.setLength(0);
                if (t != null) {
                    received.incrementAndGet();
                    take(t, false);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            lastHeard = System.nanoTime();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            dropped();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            dropped();
        }

        /** Once per connection, however it ended (close frame, error, silence): open it again. */
        private void dropped() {
            socket = null;
            if (up.compareAndSet(true, false) && !closed) {
                LOG.warn("trade stream {}: connection dropped; reconnecting", endpoint);
                retry();
            }
        }

        /** Pings; a connection silent for three heartbeats is aborted (and reopened through onError). */
        void beat() {
            WebSocket ws = socket;
            if (ws == null) {
                return;
            }
            if (System.nanoTime() - lastHeard > 3 * heartbeat.toNanos()) {
                ws.abort();
                dropped();
                return;
            }
            ws.sendPing(ByteBuffer.allocate(0));
        }

        void close() {
            WebSocket ws = socket;
            if (ws != null) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
                ws.abort();
            }
        }
    }
}
