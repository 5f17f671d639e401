package io.dgas.store.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An alert rule (system.md §2 {@code alert_rules}).
 *
 * @param symbol the symbol watched, or null for every symbol of {@code symbols} (signal rules) or all symbols
 * @param type what is compared
 * @param condition how value and threshold compare
 * @param threshold price level, percent, volume multiple or minimum confidence, by type
 * @param timeframe bars the price rules read [1h]
 * @param bars percent-change span in bars [1]
 * @param lookback bars averaged for volume spikes [20]
 * @param symbols symbol set of a signal rule (empty: the rule's symbol, or any)
 * @param cooldownSeconds a rule that fired stays quiet this long; evaluations inside it are logged as suppressed
 */
public record AlertRule(
        long id,
        String name,
        String symbol,
        Type type,
        Condition condition,
        double threshold,
        String timeframe,
        int bars,
        int lookback,
        List<String> symbols,
        int cooldownSeconds,
        boolean active,
        Instant lastTriggeredAt)
        implements java.io.Serializable {

    /** Rule types, stored lower-case ({@code alert_rules_type_check}). */
    public enum Type {
        THRESHOLD,
        CROSSOVER,
        PERCENT_CHANGE,
        VOLUME_SPIKE,
        SIGNAL,
        /** a paper fill whose notional is at least the threshold (0: every fill) */
        FILL,
        /** a paper order refused, or a fill cut short, by a session limit */
        LIMIT_BREACH;

        /** Rules fired by the paper cycle's trading events rather than by bars or signals. */
        public boolean isTrading() {
            return this == FILL || this == LIMIT_BREACH;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Type parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** Conditions, stored lower-case ({@code alert_rules_condition_check}). */
    public enum Condition {
        ABOVE,
        BELOW,
        CROSSES_ABOVE,
        CROSSES_BELOW,
        AT_LEAST;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Condition parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }
}
