package io.dgas.store.replica;

import java.time.Instant;

/**
 * One replica as its last check found it.
 *
 * @param name the replica's URL without credentials
 * @param state whether it serves reads, and if not why
 * @param lagSeconds how long ago the primary had written what the replica has still not replayed (0: nothing), NaN
 *     while unknown
 * @param reason what the last check or failed read said, empty when admitted
 * @param reads reads it served since start
 * @param fallbacks reads it failed that ran again on the primary
 * @param checkedAt when it was last checked, null before the first check
 */
public record ReplicaStatus(
        String name, State state, double lagSeconds, String reason, long reads, long fallbacks, Instant checkedAt) {

    /** Whether a replica serves reads. */
    public enum State {
        /** Not checked yet: not serving. */
        STARTING,
        /** Reachable, a standby, within the lag limit: serving. */
        ADMITTED,
        /** Reachable but further behind the primary than the lag limit: not serving until it catches up. */
        LAGGING,
        /** Could not be reached or failed a read: not serving until a check reaches it. */
        DOWN,
        /** Reachable but not in recovery (promoted, or a primary given as a replica): never serving. */
        NOT_STANDBY;

        /** How JSON and reports name it: {@code admitted}, {@code lagging}, {@code down}, {@code not-standby}. */
        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public boolean serving() {
        return state == State.ADMITTED;
    }

    /** Taken out: checked and found unfit (down, lagging, not a standby), as opposed to serving or not checked yet. */
    public boolean out() {
        return state != State.ADMITTED && state != State.STARTING;
    }
}
