package io.dgas.app.cycle;

import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarColumns;
import java.time.Duration;
import java.time.Instant;

/** The per-symbol step of a cycle; {@link SymbolAnalyzer} is the real one. */
@FunctionalInterface
public interface SymbolAnalysis {
    SymbolOutcome analyze(
            String symbol, BarColumns trading, BarColumns higher, Timeframe htf, Instant asOf, Duration staleAfter);
}
