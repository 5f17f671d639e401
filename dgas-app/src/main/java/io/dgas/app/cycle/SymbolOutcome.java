package io.dgas.app.cycle;

import io.dgas.calc.drummond.Signal;
import io.dgas.domain.Timeframe;

/**
 * What the analysis of one symbol produced.
 *
 * @param symbol ticker
 * @param signal the signal at the latest trading bar, or null
 * @param stale the newest trading bar was older than the staleness threshold (no signal is emitted)
 * @param error why the symbol failed, or null
 * @param timeframe the trading timeframe the symbol was analysed at when not the run's (its data has no other), or
 *     null for the run's
 */
public record SymbolOutcome(String symbol, Signal signal, boolean stale, String error, Timeframe timeframe) {
    /** An outcome at the run's trading timeframe. */
    public SymbolOutcome(String symbol, Signal signal, boolean stale, String error) {
        this(symbol, signal, stale, error, null);
    }

    /** The same outcome, analysed at {@code tf}. */
    public SymbolOutcome at(Timeframe tf) {
        return new SymbolOutcome(symbol, signal, stale, error, tf);
    }

    public boolean failed() {
        return error != null;
    }
}
