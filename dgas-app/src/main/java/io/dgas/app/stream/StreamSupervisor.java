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
 * Keeps one trade stream per market to the symbols of that market that trade now: every {@code every} (and at {@link
 * #start}) it asks the universe (ticker → asset class), keeps the symbols {@link MarketHours} says trade now (of the
 * markets with a feed: not the tickers of London, Xetra or the other exchanges, which no trade stream carries), and
 * for each market whose set changed closes its running stream (storing what it holds) and starts one over the new set
 * (none while the market is closed). A market opening or closing never touches another market's stream, so the crypto
 * stream runs on undisturbed through the US session's open and close. Time comes from the injected clock, so a test
 * drives it with a fake one through {@link #check}.
 */
public final class StreamSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamSupervisor.class);

    private final Supplier<Map<String, String>> universe;
    private final MarketHours hours;
    private final Clock clock;
    private final java.util.function.BiFunction<String, List<String>, AutoCloseable> starter;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dgas-stream-hours");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, List<String>> streaming = new java.util.TreeMap<>();
    private final Map<String, AutoCloseable> running = new java.util.HashMap<>();
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
        this(universe, hours, clock, (market, symbols) -> starter.apply(symbols));
    }

    /**
     * @param universe the symbols to stream when open, ticker → asset class (asked at each check)
     * @param starter starts a stream of market {@code m} ({@link MarketHours#market}) over the given tickers (each
     *     market has its own feed); closing it stops that stream
     */
    public StreamSupervisor(
            Supplier<Map<String, String>> universe,
            MarketHours hours,
            Clock clock,
            java.util.function.BiFunction<String, List<String>, AutoCloseable> starter) {
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

    /** The symbols streamed now, by ticker (empty while their markets are closed). */
    public synchronized List<String> streaming() {
        return streaming.values().stream().flatMap(List::stream).sorted().toList();
    }

    /** Starts, restarts or stops each market's stream so it covers exactly that market's symbols trading now. */
    public synchronized void check() {
        if (closed) {
            return;
        }
        Map<String, List<String>> open = new java.util.TreeMap<>();
        universe.get().forEach((ticker, assetClass) -> {
            String m = MarketHours.market(ticker, assetClass);
            if (!MarketHours.streamed(m)) {
                return; // no feed carries it: its bars come from the collect stage alone
            }
            List<String> market = open.computeIfAbsent(m, k -> new ArrayList<>());
            if (hours.isOpen(m, clock.instant())) {
                market.add(ticker);
            }
        });
        java.util.Set<String> markets = new java.util.TreeSet<>(open.keySet());
        markets.addAll(streaming.keySet());
        for (String market : markets) {
            List<String> now = open.getOrDefault(market, List.of());
            now.sort(null);
            if (now.equals(streaming.getOrDefault(market, List.of()))) {
                continue;
            }
            stop(market);
            if (!now.isEmpty()) {
                streaming.put(market, List.copyOf(now));
                running.put(market, starter.apply(market, List.copyOf(now)));
            }
            LOG.info("trade stream of {} now over {} symbols (at {})", market, now.size(), clock.instant());
        }
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("trade stream hours check failed ({}); the next check retries", e.getMessage());
        }
    }

    private void stop(String market) {
        AutoCloseable r = running.remove(market);
        streaming.remove(market);
        if (r != null) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("closing the trade stream of {}: {}", market, e.getMessage());
            }
        }
    }

    /** Stops checking and closes the running stream (it stores every pending trade). */
    @Override
    public synchronized void close() {
        closed = true;
        timer.shutdownNow();
        new ArrayList<>(running.keySet()).forEach(this::stop);
        for (AutoCloseable c : companions) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", c, e.getMessage());
            }
        }
    }
}
