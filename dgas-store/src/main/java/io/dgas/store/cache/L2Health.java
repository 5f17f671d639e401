package io.dgas.store.cache;

/**
 * The state of the shared level, for {@code /health} and the health monitor.
 *
 * @param up whether it answers now; while it does not, every instance caches locally only (degraded, not failed)
 * @param queuedInvalidations invalidations made while it was down, replayed to it and to the other instances on
 *     reconnect
 * @param detail one line for operators
 * @param connecting the first connection is still being made (a process just started): not up yet, but not an
 *     outage either, so health does not warn about it
 */
public record L2Health(boolean up, int queuedInvalidations, String detail, boolean connecting) {
    /** Down after a failure (not merely still making a process's first connection): health calls it degraded. */
    public boolean outage() {
        return !up && !connecting;
    }

    /** A settled state: up, or down after a failure. */
    public L2Health(boolean up, int queuedInvalidations, String detail) {
        this(up, queuedInvalidations, detail, false);
    }
}
