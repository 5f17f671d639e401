package io.dgas.store.health;

/**
 * One evaluated check.
 *
 * @param name check name ({@code pool}, {@code query_mean}, …)
 * @param value the measured figure (NaN when not measurable)
 * @param unit unit of value and thresholds
 * @param warning warning threshold
 * @param critical critical threshold
 * @param verdict the value against the thresholds, or CRITICAL when the collector failed
 * @param message what was measured, or the collector's error
 */
public record Check(
        String name, double value, String unit, double warning, double critical, Verdict verdict, String message) {

    public static Check measured(
            String name, double value, String unit, double warning, double critical, String message) {
        return new Check(name, value, unit, warning, critical, Verdict.of(value, warning, critical), message);
    }

    /** A figure shown for information only: always healthy. */
    public static Check info(String name, double value, String unit, String message) {
        return new Check(name, value, unit, Double.NaN, Double.NaN, Verdict.HEALTHY, message);
    }

    public static Check failed(String name, Exception e) {
        return new Check(
                name, Double.NaN, "", Double.NaN, Double.NaN, Verdict.CRITICAL, "collector failed: " + e.getMessage());
    }
}
