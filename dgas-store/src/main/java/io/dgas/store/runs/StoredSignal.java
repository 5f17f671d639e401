package io.dgas.store.runs;

import java.time.Instant;

/** A signal as stored: type and tier lower-case, stop/target null for exit signals. */
public record StoredSignal(
        long id,
        long runId,
        String symbol,
        String timeframe,
        Instant ts,
        String type,
        double entry,
        Double stop,
        Double target,
        double confidence,
        double strength,
        double alignment,
        String tier)
        implements java.io.Serializable {}
