package io.dgas.store.collect;

import java.util.Map;

/**
 * What a cycle's collect stage did.
 *
 * @param millis wall time of the stage
 * @param rows symbol → bars stored (inserted or corrected) by the stage, for every symbol it fetched
 * @param failures symbol → why its fetch or load failed; such a symbol is still analysed on the bars it had
 */
public record CollectReport(double millis, Map<String, Long> rows, Map<String, String> failures) {
    /** No collect stage ran (source {@code none}, or a run stored before the stage existed). */
    public static final CollectReport NONE = new CollectReport(0, Map.of(), Map.of());

    public CollectReport {
        rows = Map.copyOf(rows);
        failures = Map.copyOf(failures);
    }
}
