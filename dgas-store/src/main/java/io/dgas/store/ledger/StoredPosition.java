package io.dgas.store.ledger;

import io.dgas.ledger.Position;
import java.time.Instant;

/**
 * A position as stored, with the exits carried from the signal that opened it and the latest close it is marked at.
 *
 * @param exitStop protective stop, or {@code null}
 * @param exitTarget target, or {@code null}
 * @param mark the latest close of the symbol in the timeframe asked for, or {@code null} when there is no bar
 */
public record StoredPosition(Position position, Double exitStop, Double exitTarget, Instant updatedAt, Double mark)
        implements java.io.Serializable {}
