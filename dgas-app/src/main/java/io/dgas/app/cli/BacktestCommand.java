package io.dgas.app.cli;

import io.dgas.Printable;
import io.dgas.app.config.DgasConfig;
import io.dgas.app.service.AnalysisService;
import io.dgas.app.trading.BacktestReport;
import io.dgas.app.trading.BacktestRequest;
import io.dgas.app.trading.BacktestService;
import io.dgas.app.trading.LedgerAmounts;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.Money;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskLimits;
import io.dgas.ledger.Sizing;
import io.dgas.store.ingest.Timestamps;
import io.dgas.store.ledger.BacktestRecord;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dgas backtest}: replay stored bars through the engine and the paper rules; or list stored backtests. */
@Command(
        name = "backtest",
        description = "Backtest symbols over stored bars into a portfolio of its own, or --list stored backtests.")
final class BacktestCommand extends BaseCommand {
    @Parameters(arity = "0..*", paramLabel = "SYMBOL", description = "symbols (or --all)")
    List<String> symbols;

    @Option(names = "--all", description = "the whole active universe")
    boolean all;

    @Option(names = "--list", description = "list stored backtests, newest first")
    boolean list;

    @Option(names = "--from", description = "first bar time included (date or ISO-8601); required unless --list")
    String from;

    @Option(names = "--to", description = "bars before it are included (date or ISO-8601); required unless --list")
    String to;

    @Option(names = "--htf", description = "higher timeframe (default: the trading timeframe's pair, 1h: 4h)")
    String htf;

    @Option(names = "--trading", defaultValue = "1h", description = "trading timeframe (default 1h)")
    String trading;

    @Option(names = "--capital", defaultValue = "100000", description = "starting capital (default 100000)")
    BigDecimal capital;

    @Mixin
    PaperRulesOptions paper;

    /** The cycle's signal options: {@code --expiry-bars} bounds how long a limit entry waits, as in paper sessions. */
    @Mixin
    SignalOptions signals;

    @Option(names = "--max-position", description = "max position value (default: the capital)")
    BigDecimal maxPosition;

    @Option(names = "--max-gross", description = "max gross exposure (default: the capital)")
    BigDecimal maxGross;

    @Option(names = "--max-daily-loss", description = "max loss per day (default: 10%% of the capital)")
    BigDecimal maxDailyLoss;

    @Option(names = "--curve", description = "write the equity curve to FILE (.csv or .json)")
    Path curve;

    @Override
    public Integer call() {
        BacktestService service = context().backtests();
        if (curve != null) {
            OutputFile.check("--curve", curve);
            String name = curve.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (!name.endsWith(".csv") && !name.endsWith(".json")) {
                // the format follows the name: a curve.xlsx of CSV would open as garbage
                throw new BadArgumentException(
                        "--curve", curve.toString(), "--curve: " + curve + " must end in .csv or .json");
            }
        }
        if (list) {
            List<BacktestRecord> all = service.list(100);
            out().result(
                            all,
                            () -> out().table(
                                            List.of(
                                                    "id",
                                                    "portfolio",
                                                    "symbols",
                                                    "from",
                                                    "to",
                                                    "tf",
                                                    "settings",
                                                    "result"),
                                            all.stream()
                                                    .map(b -> List.of(
                                                            "" + b.id(),
                                                            "" + b.portfolioId(),
                                                            String.join(
                                                                            ",",
                                                                            b.symbols()
                                                                                    .subList(
                                                                                            0,
                                                                                            Math.min(
                                                                                                    5,
                                                                                                    b.symbols()
                                                                                                            .size())))
                                                                    + (b.symbols()
                                                                                            .size()
                                                                                    > 5
                                                                            ? ",…"
                                                                            : ""),
                                                            b.from().toString(),
                                                            b.to().toString(),
                                                            b.htf() + "/" + b.trading(),
                                                            io.dgas.app.trading.BacktestSettings.line(b.settings()),
                                                            summary(b.metrics())))
                                                    .toList()));
            return ExitCodes.OK;
        }
        ProgressLine progress = new ProgressLine(out());
        BacktestReport r;
        try {
            r = service.run(request(context().config()), progress);
        } finally {
            progress.done();
        }
        if (curve != null) {
            io.dgas.app.trading.EquityCurveFile.write(curve, r.curve());
        }
        out().result(r.summary(), () -> {
            var x = r.metrics();
            out().line(String.format(
                    Locale.ROOT,
                    "backtest %d (portfolio %d): %d bar-steps in %.0f ms",
                    r.record().id(),
                    r.record().portfolioId(),
                    r.record().barSteps(),
                    r.record().durationMs()));
            // a figure without meaning here (no trade: no win rate) is "-", not NaN
            out().line("total return " + percent(x.totalReturn(), 2) + ", CAGR " + percent(x.cagr(), 2)
                    + ", volatility " + percent(x.volatility(), 2) + ", Sharpe " + number(x.sharpe()) + ", Sortino "
                    + number(x.sortino()));
            out().line("buy and hold " + percent(x.buyAndHoldReturn(), 2) + " (the same symbols, equal weight, first"
                    + " close to last), excess return " + percent(x.excessReturn(), 2));
            out().line("max drawdown " + percent(x.maxDrawdown(), 2) + " over " + x.maxDrawdownBars()
                    + " bars, win rate " + percent(x.winRate(), 1) + ", profit factor " + number(x.profitFactor())
                    + ", exposure " + percent(x.exposure(), 1) + ", " + x.trades() + " trades");
            if (!r.withoutBars().isEmpty()) {
                // said, not left for the reader to notice a symbol missing from the trades
                out().line("not replayed, no " + r.record().trading() + " bars in the range: "
                        + String.join(", ", r.withoutBars()));
            }
            out().line("fills cut or refused by a limit: "
                    + (x.fillLimits().isEmpty()
                            ? "none"
                            : String.join(
                                    ", ",
                                    x.fillLimits().entrySet().stream()
                                            .map(e -> e.getKey() + " "
                                                    + e.getValue().cut() + " cut, "
                                                    + e.getValue().refused() + " refused")
                                            .toList())));
        });
        return ExitCodes.OK;
    }

    /**
     * A stored backtest's metrics (the JSON text of its row) in one line: return, Sharpe, max drawdown, trades (the
     * whole JSON was the column before, wider than a screen).
     */
    static String summary(String metrics) {
        try {
            com.fasterxml.jackson.databind.JsonNode m = io.dgas.app.Json.MAPPER.readTree(metrics);
            // a figure without meaning (stored as "NaN": the Sharpe of no trade) prints as "-", as the run printed it
            return "return " + percent(m.path("total_return").asDouble(Double.NaN), 2)
                    // stored since the benchmark was added; older rows have none
                    + (m.hasNonNull("buy_and_hold_return")
                            ? " (buy and hold "
                                    + percent(m.path("buy_and_hold_return").asDouble(Double.NaN), 2) + ")"
                            : "")
                    + ", Sharpe " + number(m.path("sharpe").asDouble(Double.NaN))
                    + ", max drawdown " + percent(m.path("max_drawdown").asDouble(Double.NaN), 2)
                    + ", " + m.path("trades").asInt() + " trades";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return metrics;
        }
    }

    /**
     * The request of the parsed options, with their defaults (capital, the limits it implies, paper rules) and the
     * signal parameters of {@code config} overridden by the options.
     */
    BacktestRequest request(DgasConfig config) {
        if (all == (symbols != null && !symbols.isEmpty())) {
            throw new BadArgumentException("give SYMBOL… or --all, one of them");
        }
        if (from == null || to == null) {
            String missing = from == null ? "--from" : "--to";
            throw new BadArgumentException(
                    missing,
                    null,
                    "missing " + missing + ": a backtest runs over --from (included) to --to (excluded)");
        }
        Instant f = instant("--from", from);
        Instant t = instant("--to", to);
        if (!t.isAfter(f)) {
            throw new BadArgumentException("--to must be after --from");
        }
        LedgerAmounts.money("--capital", capital);
        try {
            BigDecimal cap = Money.of(capital);
            RiskLimits limits = BacktestRequest.limits(cap, maxPosition, maxGross, maxDailyLoss);
            return new BacktestRequest(
                    all
                            ? null
                            : symbols.stream()
                                    .map(s -> s.trim().toUpperCase(Locale.ROOT))
                                    .toList(),
                    f,
                    t,
                    AnalysisService.higherFor(
                            htf != null ? Timeframe.parse(htf) : null, Timeframe.parse(trading), null),
                    Timeframe.parse(trading),
                    cap,
                    limits,
                    paper.rules(),
                    signals.params(config));
        } catch (IllegalArgumentException e) {
            throw new BadArgumentException(e.getMessage());
        }
    }

    /** Paper rules from the {@code --sizing} and {@code --commission} texts. */
    static PaperRules rules(String sizing, double slippageBps, String commission) {
        if (!(slippageBps >= 0 && slippageBps < 10_000)) {
            throw new BadArgumentException(
                    "--slippage-bps",
                    Double.toString(slippageBps),
                    "--slippage-bps must be at least 0 and below 10000 (basis points), got " + slippageBps);
        }
        String[] sz = sizing.split(":", 2);
        if (sz.length != 2) {
            throw new BadArgumentException(
                    "--sizing", sizing, "--sizing: expected RULE:VALUE, e.g. percent_equity:10, got '" + sizing + "'");
        }
        Map<String, BigDecimal> c = new LinkedHashMap<>(
                Map.of("per_share", BigDecimal.ZERO, "percent", BigDecimal.ZERO, "min", BigDecimal.ZERO));
        for (String part : commission.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2 || !c.containsKey(kv[0])) {
                throw new BadArgumentException(
                        "--commission",
                        commission,
                        "--commission: expected per_share=X,percent=Y,min=Z, got '" + commission + "'");
            }
            BigDecimal v = number("--commission", kv[0], kv[1]);
            if (v.signum() < 0 || (kv[0].equals("percent") && v.compareTo(BigDecimal.valueOf(100)) >= 0)) {
                throw new BadArgumentException(
                        "--commission",
                        commission,
                        "--commission: " + kv[0] + " must be >= 0" + (kv[0].equals("percent") ? " and below 100" : "")
                                + ", got '" + kv[1] + "'");
            }
            c.put(kv[0], v);
        }
        Sizing rule;
        try {
            rule = Sizing.of(sz[0]);
        } catch (IllegalArgumentException e) {
            throw new BadArgumentException("--sizing", sizing, "--sizing: " + e.getMessage());
        }
        try {
            return new PaperRules(
                    rule,
                    number("--sizing", sz[0], sz[1]),
                    slippageBps,
                    c.get("per_share"),
                    c.get("percent").doubleValue(),
                    c.get("min"));
        } catch (IllegalArgumentException e) {
            // slippage and commission were checked above: the sizing value is what is left to refuse
            throw new BadArgumentException("--sizing", sizing, "--sizing: " + e.getMessage());
        }
    }

    /** The number {@code text} given for {@code field} of {@code option}, or a usage error naming all three. */
    private static BigDecimal number(String option, String field, String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new BadArgumentException(
                    option, text, option + ": " + field + " must be a number, got '" + Printable.of(text) + "'");
        }
    }

    private static Instant instant(String option, String text) {
        long micros = Timestamps.parseMicros(text.trim());
        if (micros == Timestamps.INVALID) {
            throw new BadArgumentException(
                    "invalid value '" + text + "' for " + option + ": expected a date or ISO-8601 date-time");
        }
        return Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
    }

    /** {@code 100 × v} with {@code digits} decimals and a per cent sign, "-" for NaN. */
    private static String percent(double v, int digits) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + digits + "f%%", 100 * v);
    }

    /** {@code v} with 2 decimals, "-" for NaN ("inf" for a profit factor without a loss). */
    private static String number(double v) {
        return Double.isNaN(v) ? "-" : Double.isInfinite(v) ? "inf" : String.format(Locale.ROOT, "%.2f", v);
    }
}
