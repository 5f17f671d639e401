package io.dgas.store.runs;

import java.util.Locale;

/** Outcome of a prediction run; stored lower-case ({@code prediction_runs_status_check}). */
public enum RunStatus {
    RUNNING,
    SUCCESS,
    PARTIAL,
    FAILED,
    /** Left running by an instance that died, with no batch left to finish it; closed by the next scheduler start. */
    ABANDONED;

    /** The status in lower case, as stored and as every JSON body writes it ("success", not "SUCCESS"). */
    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** SUCCESS when nothing failed, FAILED when nothing succeeded (and something was asked), else PARTIAL. */
    public static RunStatus of(int processed, int failed) {
        if (failed == 0) {
            return SUCCESS;
        }
        return processed == 0 ? FAILED : PARTIAL;
    }
}
