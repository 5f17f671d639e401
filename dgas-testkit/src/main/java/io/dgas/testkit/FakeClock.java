package io.dgas.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when told to; tests never sleep to wait for time to pass. */
public final class FakeClock extends Clock {
    private volatile Instant now;
    private final ZoneId zone;

    public FakeClock(Instant start) {
        this(start, ZoneOffset.UTC);
    }

    private FakeClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    /** A clock at {@code 2024-01-02T00:00:00Z}. */
    public static FakeClock atDefault() {
        return new FakeClock(Instant.parse("2024-01-02T00:00:00Z"));
    }

    public synchronized FakeClock advance(Duration d) {
        now = now.plus(d);
        return this;
    }

    public FakeClock set(Instant instant) {
        now = instant;
        return this;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new FakeClock(now, newZone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
