package io.dgas.app.schedule;

import io.dgas.app.cycle.SymbolOutcome;
import java.util.List;

/** What a batch task hands to the run's finisher (stored as JSON in {@code cycle_batch_results}). */
public record BatchResult(List<SymbolOutcome> outcomes, long loadNanos, long analyseNanos) {}
