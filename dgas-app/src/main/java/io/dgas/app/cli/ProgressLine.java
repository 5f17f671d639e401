package io.dgas.app.cli;

import io.dgas.store.ingest.IngestProgress;
import java.util.Locale;

/**
 * A progress line with rows/s on stderr, redrawn in place, shown only on a terminal ({@code System.console() != null})
 * and never with {@code --json}; elsewhere it does nothing, so scripted output stays clean.
 */
final class ProgressLine implements IngestProgress {
    private final boolean enabled;
    private long start = System.nanoTime();
    private String current;

    ProgressLine(Output out) {
        this.enabled = System.console() != null && !out.json();
    }

    @Override
    public void rowsRead(String source, long rows) {
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

    /** Ends the line so the next output starts on a fresh one. */
    void done() {
        if (enabled && current != null) {
            System.err.println();
            System.err.flush();
            current = null;
        }
    }
}
