package io.dgas.app.cycle;

import io.dgas.calc.drummond.Signal;
import io.dgas.domain.Timeframe;

/**
 * What the analysis of one symbol produced.
 *
 * @param symbol ticker
 * @param signal the signal at the latest trading bar, or null
 * @param stale the newest trading bar was older than the staleness threshold (no signal is emitted)
 * @param error why the symbol failed or was not analysed, or null
 * @param timeframe the trading timeframe the symbol was analysed at when not the run's (its data has no other), or
 *     null for the run's
 * @param shortHistory {@code error} says only that the symbol has too few bars to analyse yet (a new listing, a series
 *     just loaded): it is not analysed, but nothing failed, so the run is not partial for it
 */
public record SymbolOutcome(
        String symbol, Signal signal, boolean stale, String error, Timeframe timeframe, boolean shortHistory) {
    /** An outcome at the run's trading timeframe. */
    public SymbolOutcome(String symbol, Signal signal, boolean stale, String error) {
        this(symbol, signal, stale, error, null, false);
    }

    /** A symbol with too few bars to analyse, {@code why} naming the bars it has and those needed. */
    public static SymbolOutcome tooShort(String symbol, boolean stale, String why) {
        return new SymbolOutcome(symbol, null, stale, why, null, true);
    }

    /** The same outcome, analysed at {@code tf}. */
    public SymbolOutcome at(Timeframe tf) {
        return new SymbolOutcome(symbol, signal, stale, error, tf, shortHistory);
    }

    /** Whether the symbol failed: an error other than too short a history. */
    public boolean failed() {
        return error != null && !shortHistory;
    }

    /** Whether the symbol was analysed on current bars: neither stale, nor failed, nor short of history. */
    public boolean fresh() {
        return !stale && error == null;
    }
}
