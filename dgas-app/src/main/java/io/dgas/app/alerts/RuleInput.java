package io.dgas.app.alerts;

import io.dgas.store.alerts.AlertRule;
import java.util.List;

/**
 * An alert rule as a user gives it, before validation ({@link RuleSpec}); a null field was not given. Field names are
 * those of the API's JSON ({@code cooldown_seconds}) and of the rule ({@link AlertRule}).
 */
public record RuleInput(
        String name,
        String type,
        String symbol,
        List<String> symbols,
        String condition,
        Double threshold,
        String timeframe,
        Integer bars,
        Integer lookback,
        Integer cooldownSeconds,
        Boolean active) {

    /** The names of the fields, as the API's JSON spells them. */
    public static final List<String> FIELDS = List.of(
            "name",
            "type",
            "symbol",
            "symbols",
            "condition",
            "threshold",
            "timeframe",
            "bars",
            "lookback",
            "cooldown_seconds",
            "active");

    /** This input with every field it does not give taken from {@code current} (an update changes what it names). */
    public RuleInput over(AlertRule current) {
        return new RuleInput(
                name != null ? name : current.name(),
                type != null ? type : current.type().code(),
                symbol != null ? symbol : current.symbol(),
                symbols != null ? symbols : current.symbols(),
                condition != null ? condition : current.condition().code(),
                threshold != null ? threshold : current.threshold(),
                timeframe != null ? timeframe : current.timeframe(),
                bars != null ? bars : current.bars(),
                lookback != null ? lookback : current.lookback(),
                cooldownSeconds != null ? cooldownSeconds : current.cooldownSeconds(),
                active != null ? active : current.active());
    }
}
