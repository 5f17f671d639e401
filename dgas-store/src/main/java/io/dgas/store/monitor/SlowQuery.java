package io.dgas.store.monitor;

import java.time.Instant;

/** A statement that took at least the slow threshold. Carries no SQL text and no bound values. */
public record SlowQuery(Instant at, String name, double durationMs, long rows, boolean failed) {}
