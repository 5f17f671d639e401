package io.dgas.app.cli;

import java.time.Duration;

/** Parses option values such as {@code 90s}, {@code 15m}, {@code 24h}, {@code 7d}. */
public final class Durations {
    private Durations() {}

    public static Duration parse(String option, String text) {
        String v = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.length() >= 2) {
            long unit = switch (v.charAt(v.length() - 1)) {
                case 's' -> 1;
                case 'm' -> 60;
                case 'h' -> 3600;
                case 'd' -> 86_400;
                default -> 0;
            };
            try {
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                if (unit > 0 && n > 0) {
                    return Duration.ofSeconds(Math.multiplyExact(n, unit));
                }
            } catch (NumberFormatException | ArithmeticException ignored) {
                // reported below
            }
        }
        throw new BadArgumentException("invalid value '" + text + "' for " + option
                + ": expected a positive duration such as 90s, 15m, 24h or 7d");
    }
}
