package io.dgas.app.cycle;

import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarColumns;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The per-symbol step of a cycle; {@link SymbolAnalyzer} is the real one. */
@FunctionalInterface
public interface SymbolAnalysis {
    SymbolOutcome analyze(
            String symbol, BarColumns trading, BarColumns higher, Timeframe htf, Instant asOf, Duration staleAfter);

    /**
     * The parameters this step analyses with, which each run records ({@link SignalSettings#of}); empty when it has
     * none to report (a step made for a test).
     */
    default Map<String, Object> settings() {
        return Map.of();
    }
}
