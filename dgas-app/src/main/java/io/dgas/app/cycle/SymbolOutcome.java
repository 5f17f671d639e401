package io.dgas.app.cycle;

import io.dgas.calc.drummond.Signal;

/**
 * What the analysis of one symbol produced.
 *
 * @param symbol ticker
 * @param signal the signal at the latest trading bar, or null
 * @param stale the newest trading bar was older than the staleness threshold (no signal is emitted)
 * @param error why the symbol failed, or null
 */
public record SymbolOutcome(String symbol, Signal signal, boolean stale, String error) {
    public boolean failed() {
        return error != null;
    }
}
