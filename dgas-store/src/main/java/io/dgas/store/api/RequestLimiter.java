package io.dgas.store.api;

/** Paces requests to a market-data API; {@link #acquire()} returns when one more may be sent. Thread-safe. */
@FunctionalInterface
public interface RequestLimiter {
    /** Blocks until a request may be sent, then counts it. */
    void acquire() throws InterruptedException;
}
