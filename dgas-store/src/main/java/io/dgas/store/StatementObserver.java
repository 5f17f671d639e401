package io.dgas.store;

/**
 * Told about every named statement {@link Database} runs; the query monitor implements it.
 *
 * <p>Implementations must be cheap and thread-safe; they never see bound values.
 */
public interface StatementObserver {
    /** Does nothing: the observer of a disabled query monitor. */
    StatementObserver NONE = (name, nanos, rows, failed) -> {};

    /**
     * @param name the statement's name (the {@code dgas:<name>} comment)
     * @param nanos wall time of execution including fetching the rows
     * @param rows rows returned or affected
     * @param failed whether the statement threw
     */
    void onStatement(String name, long nanos, long rows, boolean failed);
}
