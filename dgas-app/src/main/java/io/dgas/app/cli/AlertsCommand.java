package io.dgas.app.cli;

import io.dgas.app.alerts.RuleInput;
import io.dgas.store.alerts.AlertLogEntry;
import io.dgas.store.alerts.AlertRule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dgas alerts rules add|list|rm} and {@code dgas alerts log}: thin adapters over {@code AlertsService}. */
@Command(
        name = "alerts",
        description = "Alert rules and the alert log.",
        subcommands = {AlertsCommand.Rules.class, AlertsCommand.Log.class})
final class AlertsCommand {

    @Command(
            name = "rules",
            description = "Manage alert rules.",
            subcommands = {AlertsCommand.Add.class, AlertsCommand.ListRules.class, AlertsCommand.Remove.class})
    static final class Rules {}

    @Command(
            name = "add",
            description = "Add a rule, e.g. --name aapl-150 --type threshold --symbol AAPL"
                    + " --condition above --threshold 150")
    static final class Add extends BaseCommand {
        @Option(names = "--name", required = true, description = "rule name, unique (e.g. aapl-150)")
        String name;

        @Option(
                names = "--type",
                required = true,
                description = "threshold, crossover, percent_change, volume_spike, signal, fill (paper fill of notional"
                        + " >= threshold), limit_breach (order refused or fill cut by a session limit)")
        String type;

        @Option(
                names = "--symbol",
                description = "symbol watched (required except for signal, fill and limit_breach rules)")
        String symbol;

        @Option(names = "--symbols", split = ",", description = "symbol set of a signal rule")
        List<String> symbols = List.of();

        @Option(
                names = "--condition",
                description = "above, below, crosses_above, crosses_below, at_least (default:"
                        + " above; signal, volume_spike, fill and limit_breach: at_least)")
        String condition;

        @Option(names = "--threshold", required = true, description = "level, percent, volume multiple or confidence")
        double threshold;

        @Option(names = "--timeframe", defaultValue = "1h", description = "bars the price rules read (default 1h)")
        String timeframe;

        @Option(names = "--bars", defaultValue = "1", description = "percent_change span in bars (default 1)")
        int bars;

        @Option(names = "--lookback", defaultValue = "20", description = "volume_spike averaging bars (default 20)")
        int lookback;

        @Option(names = "--cooldown", defaultValue = "60", description = "seconds between firings (default 60)")
        int cooldown;

        @Override
        public Integer call() {
            long id = context()
                    .alertsService()
                    .create(new RuleInput(
                            name, type, symbol, symbols, condition, threshold, timeframe, bars, lookback, cooldown,
                            true))
                    .id();
            out().result(Map.of("id", id, "name", name), () -> out().line("added rule " + id + " (" + name + ")"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List rules.")
    static final class ListRules extends BaseCommand {
        private static final int MAX_RULES = 100_000;

        @Override
        public Integer call() {
            List<AlertRule> rules =
                    context().alertsService().rules(MAX_RULES, 0).items();
            out().result(
                            rules,
                            () -> out().table(
                                            List.of(
                                                    "id",
                                                    "name",
                                                    "type",
                                                    "symbol",
                                                    "condition",
                                                    "threshold",
                                                    "cooldown s",
                                                    "active",
                                                    "last triggered"),
                                            rules.stream()
                                                    .map(r -> List.of(
                                                            Long.toString(r.id()),
                                                            r.name(),
                                                            r.type().code(),
                                                            r.symbol() != null
                                                                    ? r.symbol()
                                                                    : String.join(",", r.symbols()),
                                                            r.condition().code(),
                                                            Double.toString(r.threshold()),
                                                            Integer.toString(r.cooldownSeconds()),
                                                            Boolean.toString(r.active()),
                                                            r.lastTriggeredAt() == null
                                                                    ? ""
                                                                    : r.lastTriggeredAt()
                                                                            .toString()))
                                                    .toList()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "rm", description = "Remove a rule by name or id (deactivated instead when it has log entries).")
    static final class Remove extends BaseCommand {
        @Parameters(paramLabel = "NAME|ID", description = "rule name or id")
        String rule;

        @Override
        public Integer call() {
            String what = context().alertsService().remove(rule);
            out().result(Map.of("rule", rule, "result", what), () -> out().line(rule + ": " + what));
            return ExitCodes.OK;
        }
    }

    @Command(name = "log", description = "Evaluations that fired or were suppressed, newest first.")
    static final class Log extends BaseCommand {
        @Option(names = "--since", defaultValue = "24h", description = "how far back (default 24h)")
        String since;

        @Option(names = "--limit", defaultValue = "100", description = "most entries shown (default 100)")
        int limit;

        @Override
        public Integer call() {
            Duration d = Durations.parse("--since", since);
            List<AlertLogEntry> log = context()
                    .alertsService()
                    .log(
                            null,
                            null,
                            context().clock().instant().minus(d),
                            OptionRanges.between("--limit", limit, 1, 100_000),
                            0)
                    .items();
            out().result(
                            log,
                            () -> out().table(
                                            List.of(
                                                    "time",
                                                    "rule",
                                                    "symbol",
                                                    "value",
                                                    "threshold",
                                                    "fired",
                                                    "delivery",
                                                    "message"),
                                            log.stream()
                                                    .map(m -> List.of(
                                                            String.valueOf(m.ts()),
                                                            String.valueOf(m.rule()),
                                                            String.valueOf(m.symbol()),
                                                            String.valueOf(m.triggerValue()),
                                                            String.valueOf(m.thresholdValue()),
                                                            String.valueOf(m.firedStatus()),
                                                            String.valueOf(m.deliveryStatus()),
                                                            String.valueOf(m.message())))
                                                    .toList()));
            return ExitCodes.OK;
        }
    }
}
