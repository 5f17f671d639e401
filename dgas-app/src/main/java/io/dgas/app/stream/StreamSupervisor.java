package io.dgas.app.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the trade stream to the symbols whose market is open: every {@code every} (and at {@link #start}) it asks the
 * universe (ticker → asset class), keeps the symbols {@link MarketHours} says trade now, and when that set changed
 * closes the running stream (storing what it holds) and starts one over the new set; none when every market is closed.
 * Time comes from the injected clock, so a test drives it with a fake one through {@link #check}.
 */
public final class StreamSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamSupervisor.class);

    private final Supplier<Map<String, String>> universe;
    private final MarketHours hours;
    private final Clock clock;
    private final Function<List<String>, AutoCloseable> starter;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dgas-stream-hours");
        t.setDaemon(true);
        return t;
    });
    private List<String> streaming = List.of();
    private AutoCloseable running;
    private final List<AutoCloseable> companions = new ArrayList<>();
    private boolean closed;

    /**
     * @param universe the symbols to stream when open, ticker → asset class (asked at each check)
     * @param starter starts a stream over the given tickers; closing it stops that stream
     */
    public StreamSupervisor(
            Supplier<Map<String, String>> universe,
            MarketHours hours,
            Clock clock,
            Function<List<String>, AutoCloseable> starter) {
        this.universe = universe;
        this.hours = hours;
        this.clock = clock;
        this.starter = starter;
    }

    /** Closes {@code c} too when this closes, after the stream (e.g. the {@link FormingFeed} reading its bars). */
    public synchronized StreamSupervisor closing(AutoCloseable c) {
        companions.add(c);
        return this;
    }

    /** Checks now, then every {@code every}. */
    public StreamSupervisor start(Duration every) {
        check();
        timer.scheduleWithFixedDelay(this::checkQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The symbols streamed now (empty while their markets are closed). */
    public synchronized List<String> streaming() {
        return streaming;
    }

    /** Starts, restarts or stops the stream so it covers exactly the symbols trading now. */
    public synchronized void check() {
        if (closed) {
            return;
        }
        List<String> open = new ArrayList<>();
        universe.get().forEach((ticker, assetClass) -> {
            if (hours.isOpen(assetClass, clock.instant())) {
                open.add(ticker);
            }
        });
        open.sort(null);
        if (open.equals(streaming)) {
            return;
        }
        stopRunning();
        streaming = List.copyOf(open);
        if (!open.isEmpty()) {
            running = starter.apply(streaming);
        }
        LOG.info("trade stream now over {} symbols (markets open at {})", open.size(), clock.instant());
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("trade stream hours check failed ({}); the next check retries", e.getMessage());
        }
    }

    private void stopRunning() {
        if (running != null) {
            try {
                running.close();
            } catch (Exception e) {
                LOG.warn("closing the trade stream: {}", e.getMessage());
            }
            running = null;
        }
    }

    /** Stops checking and closes the running stream (it stores every pending trade). */
    @Override
    public synchronized void close() {
        closed = true;
        timer.shutdownNow();
        stopRunning();
        streaming = List.of();
        for (AutoCloseable c : companions) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", c, e.getMessage());
            }
        }
    }
}
