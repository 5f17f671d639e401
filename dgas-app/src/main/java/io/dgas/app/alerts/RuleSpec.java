package io.dgas.app.alerts;

import io.dgas.Printable;
import io.dgas.app.service.BadInputException;
import io.dgas.domain.Timeframe;
import io.dgas.store.alerts.AlertRule;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validates a {@link RuleInput} into a rule, naming the field at fault. Symbols are upper-cased as ingest stores them;
 * whether they exist is the repository's check.
 */
final class RuleSpec {
    private static final Pattern TICKER = Pattern.compile("[A-Z0-9][A-Z0-9._:/^=-]{0,31}");
    private static final List<String> TYPES =
            Arrays.stream(AlertRule.Type.values()).map(AlertRule.Type::code).toList();
    private static final List<String> CONDITIONS = Arrays.stream(AlertRule.Condition.values())
            .map(AlertRule.Condition::code)
            .toList();
    private static final List<String> TIMEFRAMES =
            Arrays.stream(Timeframe.values()).map(Timeframe::code).toList();

    private RuleSpec() {}

    static AlertRule parse(RuleInput in) {
        String name = in.name();
        if (name == null
                || name.isBlank()
                || name.length() > 200
                || name.chars().anyMatch(Character::isISOControl)) {
            throw bad(
                    "name",
                    name,
                    "a rule name is 1 to 200 characters without control characters",
                    List.of("1 to 200 characters"));
        }
        AlertRule.Type t = parseType(in.type());
        AlertRule.Condition c = parseCondition(in.condition(), t);
        boolean ok = switch (t) {
            case THRESHOLD, PERCENT_CHANGE -> c == AlertRule.Condition.ABOVE || c == AlertRule.Condition.BELOW;
            case CROSSOVER -> c == AlertRule.Condition.CROSSES_ABOVE || c == AlertRule.Condition.CROSSES_BELOW;
            case VOLUME_SPIKE, SIGNAL -> c == AlertRule.Condition.AT_LEAST || c == AlertRule.Condition.ABOVE;
            case FILL, LIMIT_BREACH -> c == AlertRule.Condition.AT_LEAST;
        };
        if (!ok) {
            throw oneOf(
                    "condition",
                    c.code(),
                    "condition " + c.code() + " does not apply to " + t.code() + " rules",
                    applicable(t));
        }
        if (t != AlertRule.Type.SIGNAL
                && !t.isTrading()
                && (in.symbol() == null || in.symbol().isBlank())) {
            throw bad("symbol", in.symbol(), "symbol is required for " + t.code() + " rules", List.of("a ticker"));
        }
        Double threshold = in.threshold();
        if (threshold == null || !Double.isFinite(threshold)) {
            throw bad(
                    "threshold",
                    String.valueOf(threshold),
                    "threshold is required and must be finite",
                    List.of("a finite number"));
        }
        if (t == AlertRule.Type.SIGNAL && (threshold < 0 || threshold > 1)) {
            throw bad(
                    "threshold",
                    threshold.toString(),
                    "threshold of a signal rule is a confidence from 0 to 1, was " + threshold,
                    List.of("0..1"));
        }
        if (t.isTrading() && threshold < 0) {
            throw bad(
                    "threshold",
                    threshold.toString(),
                    "threshold of a " + t.code() + " rule is a notional or quantity ≥ 0, was " + threshold,
                    List.of("≥ 0"));
        }
        int bars = atLeast("bars", in.bars(), 1, 1);
        int lookback = atLeast("lookback", in.lookback(), 20, 1);
        int cooldown = atLeast("cooldown_seconds", in.cooldownSeconds(), 60, 0);
        String tf;
        try {
            tf = Timeframe.parse(in.timeframe() == null ? "1h" : in.timeframe()).code();
        } catch (IllegalArgumentException e) {
            throw oneOf(
                    "timeframe",
                    in.timeframe(),
                    "unknown timeframe '" + Printable.of(in.timeframe()) + "'",
                    TIMEFRAMES);
        }
        List<String> symbols = in.symbols() == null ? List.of() : in.symbols();
        return new AlertRule(
                0,
                name,
                in.symbol() == null || in.symbol().isBlank() ? null : ticker("symbol", in.symbol()),
                t,
                c,
                threshold,
                tf,
                bars,
                lookback,
                symbols.stream().map(x -> ticker("symbols", x)).distinct().toList(),
                cooldown,
                in.active() == null || in.active(),
                null);
    }

    private static AlertRule.Type parseType(String type) {
        try {
            return AlertRule.Type.parse(type);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw oneOf("type", type, "unknown rule type '" + Printable.of(String.valueOf(type)) + "'", TYPES);
        }
    }

    private static AlertRule.Condition parseCondition(String condition, AlertRule.Type t) {
        if (condition == null) {
            return switch (t) {
                case SIGNAL, VOLUME_SPIKE, FILL, LIMIT_BREACH -> AlertRule.Condition.AT_LEAST;
                case CROSSOVER -> AlertRule.Condition.CROSSES_ABOVE;
                default -> AlertRule.Condition.ABOVE;
            };
        }
        try {
            return AlertRule.Condition.parse(condition);
        } catch (IllegalArgumentException e) {
            throw oneOf("condition", condition, "unknown condition '" + Printable.of(condition) + "'", CONDITIONS);
        }
    }

    private static List<String> applicable(AlertRule.Type t) {
        return switch (t) {
            case THRESHOLD, PERCENT_CHANGE -> List.of("above", "below");
            case CROSSOVER -> List.of("crosses_above", "crosses_below");
            case VOLUME_SPIKE, SIGNAL -> List.of("at_least", "above");
            case FILL, LIMIT_BREACH -> List.of("at_least");
        };
    }

    private static int atLeast(String field, Integer value, int otherwise, int min) {
        if (value == null) {
            return otherwise;
        }
        if (value < min) {
            throw bad(field, value.toString(), field + " must be at least " + min, List.of("a whole number ≥ " + min));
        }
        return value;
    }

    /**
     * Tickers are stored upper case (as ingest stores them). One that ingest could never have stored (its ticker
     * pattern, store's {@code Fields.TICKER}) is unknown without asking the database.
     */
    private static String ticker(String field, String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw bad(field, text, field + ": empty symbol", List.of("a ticker"));
        }
        if (!TICKER.matcher(t).matches()) {
            throw bad(field, text, field + ": unknown symbol '" + Printable.of(t) + "'", List.of("a stored ticker"));
        }
        return t;
    }

    private static BadInputException bad(String field, String value, String message, List<String> accepted) {
        return new BadInputException(field, value, message, accepted);
    }

    /** {@link #bad} for a value outside a list, which the message names (the CLI prints the message alone). */
    private static BadInputException oneOf(String field, String value, String message, List<String> accepted) {
        return bad(field, value, message + " (accepted: " + String.join(", ", accepted) + ")", accepted);
    }
}
