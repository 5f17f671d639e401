package io.dgas.calc.drummond;

/**
 * The one place parameter values are validated: every parameter record calls these from its compact constructor,
 * so a record that exists is valid and calculators never re-check.
 */
final class Check {
    private Check() {}

    static double range(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(
                    "parameter " + name + " must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "parameter " + name + " must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException("parameter " + name + " must not be null");
        }
        return value;
    }
}
