package io.dgas.store.api;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket: holds at most {@code burst} tokens, refilled continuously at {@code perMinute} per minute; each
 * request takes one token, waiting (through the {@link Sleeper}) for the next when the bucket is empty. A full bucket
 * lets a short burst through at once, the long-run rate never exceeds {@code perMinute}. Thread-safe.
 */
public final class TokenBucket implements RequestLimiter {
    private final int burst;
    private final double nanosPerToken;
    private final Clock clock;
    private final Sleeper sleeper;
    private double tokens;
    private long lastNanos;

    public TokenBucket(int perMinute, int burst, Clock clock, Sleeper sleeper) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException(
                    "rate and burst must be >= 1, were " + perMinute + " per minute and " + burst);
        }
        this.burst = burst;
        this.nanosPerToken = 60e9 / perMinute;
        this.clock = clock;
        this.sleeper = sleeper;
        this.tokens = burst;
        this.lastNanos = nanos();
    }

    @Override
    public synchronized void acquire() throws InterruptedException {
        while (true) {
            long now = nanos();
            tokens = Math.min(burst, tokens + (now - lastNanos) / nanosPerToken);
            lastNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return;
            }
            sleeper.sleep(Duration.ofNanos((long) Math.ceil((1 - tokens) * nanosPerToken)));
        }
    }

    /** Tokens available now (for tests and status). */
    public synchronized double available() {
        long now = nanos();
        return Math.min(burst, tokens + (now - lastNanos) / nanosPerToken);
    }

    private long nanos() {
        java.time.Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
