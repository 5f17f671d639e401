package io.dgas.app.cli;

import io.dgas.Printable;
import io.dgas.domain.Timeframe;
import io.dgas.store.alerts.AlertRule;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validates the options of {@code alerts rules add} into a rule, naming the option at fault. */
final class RuleSpec {
    private static final Pattern TICKER = Pattern.compile("[A-Z0-9][A-Z0-9._:/^=-]{0,31}");

    private RuleSpec() {}

    static AlertRule parse(
            String name,
            String type,
            String symbol,
            List<String> symbols,
            String condition,
            double threshold,
            String timeframe,
            int bars,
            int lookback,
            int cooldown) {
        if (name.isBlank() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            throw new BadArgumentException("--name '" + Printable.of(name)
                    + "': a rule name is 1 to 200 characters without control characters");
        }
        AlertRule.Type t;
        try {
            t = AlertRule.Type.parse(type);
        } catch (IllegalArgumentException e) {
            throw new BadArgumentException("--type: unknown rule type '" + type
                    + "'; accepted: threshold, crossover, percent_change, volume_spike, signal");
        }
        AlertRule.Condition c;
        try {
            c = condition != null
                    ? AlertRule.Condition.parse(condition)
                    : t == AlertRule.Type.SIGNAL || t == AlertRule.Type.VOLUME_SPIKE
                            ? AlertRule.Condition.AT_LEAST
                            : t == AlertRule.Type.CROSSOVER
                                    ? AlertRule.Condition.CROSSES_ABOVE
                                    : AlertRule.Condition.ABOVE;
        } catch (IllegalArgumentException e) {
            throw new BadArgumentException("--condition: unknown condition '" + condition
                    + "'; accepted: above, below, crosses_above, crosses_below, at_least");
        }
        boolean ok = switch (t) {
            case THRESHOLD, PERCENT_CHANGE -> c == AlertRule.Condition.ABOVE || c == AlertRule.Condition.BELOW;
            case CROSSOVER -> c == AlertRule.Condition.CROSSES_ABOVE || c == AlertRule.Condition.CROSSES_BELOW;
            case VOLUME_SPIKE, SIGNAL -> c == AlertRule.Condition.AT_LEAST || c == AlertRule.Condition.ABOVE;
        };
        if (!ok) {
            throw new BadArgumentException("--condition " + c.code() + " does not apply to " + t.code() + " rules");
        }
        if (t != AlertRule.Type.SIGNAL && symbol == null) {
            throw new BadArgumentException("--symbol is required for " + t.code() + " rules");
        }
        if (t == AlertRule.Type.SIGNAL && (threshold < 0 || threshold > 1)) {
            throw new BadArgumentException(
                    "--threshold of a signal rule is a confidence from 0 to 1, was " + threshold);
        }
        if (!Double.isFinite(threshold) || bars < 1 || lookback < 1 || cooldown < 0) {
            throw new BadArgumentException("--threshold must be finite, --bars and --lookback ≥ 1, --cooldown ≥ 0");
        }
        try {
            Timeframe.parse(timeframe);
        } catch (IllegalArgumentException e) {
            throw new BadArgumentException("--timeframe: " + e.getMessage());
        }
        return new AlertRule(
                0,
                name,
                symbol == null ? null : ticker("--symbol", symbol),
                t,
                c,
                threshold,
                Timeframe.parse(timeframe).code(),
                bars,
                lookback,
                symbols.stream().map(x -> ticker("--symbols", x)).distinct().toList(),
                cooldown,
                true,
                null);
    }

    /**
     * Tickers are stored upper case (as ingest stores them). One that ingest could never have stored (its ticker
     * pattern, store's {@code Fields.TICKER}) is unknown without asking the database.
     */
    private static String ticker(String option, String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new BadArgumentException(option + ": empty symbol");
        }
        if (!TICKER.matcher(t).matches()) {
            throw new BadArgumentException(option + ": unknown symbol '" + Printable.of(t) + "'");
        }
        return t;
    }
}
