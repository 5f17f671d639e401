package io.dgas.app.cli;

import io.dgas.store.ingest.IngestProgress;
import io.dgas.store.ingest.LockWait;
import java.time.Duration;
import java.util.Locale;

/**
 * A progress line with rows/s (a load) or the steps of a phase (a backtest, an evaluation) on stderr, redrawn in
 * place, shown only on a terminal ({@code System.console() != null}) and never with {@code --json}; elsewhere progress
 * is not shown, so scripted output stays clean. Lock waits and retries are always said (as warnings where there is
 * no terminal, a wait every {@link #WAIT_EVERY} at most): a load must never stall or start over silently.
 */
public final class ProgressLine implements IngestProgress, io.dgas.app.jobs.Progress {
    public static final Duration WAIT_EVERY = Duration.ofSeconds(10);

    private final Output out;
    private final boolean enabled;
    private long start = System.nanoTime();
    private String current;
    /** Steps of the current phase (0: not known). */
    private long steps;

    private long lastWaitWarning = -1;

    public ProgressLine(Output out) {
        this.out = out;
        this.enabled = System.console() != null && !out.json();
    }

    @Override
    public synchronized void rowsRead(String source, long rows) {
        if (!enabled) {
            return;
        }
        if (!source.equals(current)) {
            current = source;
            start = System.nanoTime();
        }
        double secs = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        System.err.printf(Locale.ROOT, "\r%s: %,d rows, %,.0f rows/s   ", source, rows, rows / secs);
        System.err.flush();
    }

    @Override
    public synchronized void lockWait(String source, LockWait wait) {
        if (enabled) {
            current = source;
            System.err.print("\r" + source + ": " + wait.describe() + "   ");
            System.err.flush();
            return;
        }
        long now = System.nanoTime();
        if (lastWaitWarning < 0 || now - lastWaitWarning >= WAIT_EVERY.toNanos()) {
            lastWaitWarning = now;
            out.warn(source + ": " + wait.describe());
        }
    }

    @Override
    public synchronized void retrying(String source, String reason, int attempt, int attempts, Duration delay) {
        done();
        out.warn(source + ": retrying after " + reason + ", attempt " + attempt + " of " + attempts
                + " (the failed attempt was rolled back; starting again in " + delay.toMillis() + " ms)");
    }

    @Override
    public synchronized void phase(String name, long total) {
        current = name;
        steps = total;
        stepsDone(0);
    }

    @Override
    public synchronized void stepsDone(long n) {
        if (!enabled) {
            return;
        }
        System.err.print(
                "\r" + current + (steps > 0 ? String.format(Locale.ROOT, " %,d of %,d", n, steps) : "") + "   ");
        System.err.flush();
    }

    /** Ends the line so the next output starts on a fresh one. */
    public synchronized void done() {
        if (enabled && current != null) {
            System.err.println();
            System.err.flush();
            current = null;
        }
    }
}
