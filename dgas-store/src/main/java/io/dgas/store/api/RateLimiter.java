package io.dgas.store.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code perMinute} requests in any sliding 60-second window: {@link #acquire()} waits (through the {@link
 * Sleeper}) until the oldest request of a full window is a minute old. Thread-safe.
 */
public final class RateLimiter implements RequestLimiter {
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Deque<Instant> recent = new ArrayDeque<>();

    public RateLimiter(int perMinute, Clock clock, Sleeper sleeper) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("requests per minute must be >= 1, was " + perMinute);
        }
        this.perMinute = perMinute;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Blocks until a request may be sent, then records it. */
    @Override
    public synchronized void acquire() throws InterruptedException {
        while (true) {
            Instant now = clock.instant();
            while (!recent.isEmpty() && !recent.peekFirst().plus(WINDOW).isAfter(now)) {
                recent.removeFirst();
            }
            if (recent.size() < perMinute) {
                recent.addLast(now);
                return;
            }
            sleeper.sleep(Duration.between(now, recent.peekFirst().plus(WINDOW)));
        }
    }
}
