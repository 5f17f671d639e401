package io.dgas.app.cli;

import io.dgas.app.cli.ingest.IngestCommand;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.ingest.IngestSettings;
import io.dgas.app.service.AnalysisService;
import io.dgas.app.service.FileAnalysisService;
import io.dgas.app.service.StoredAnalysisService;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.store.ingest.IngestOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dgas analyze --bars FILE [--htf-bars FILE | --htf TF] [--out DIR]}: Drummond Geometry of bars in a file, no
 * database needed. With {@code --out} it writes exactly the files of drummond.md §8 (plus {@code mtf.json} and
 * {@code signals.json} when a higher timeframe is given); without, it prints the latest rows.
 */
@Command(name = "analyze", description = "Drummond Geometry of a bars CSV (no database) or of stored symbols.")
final class AnalyzeCommand extends BaseCommand {
    @Option(
            names = "--bars",
            description = "bars CSV in a form dgas ingest bars reads: timestamp,symbol,interval,open,high,low,close,"
                    + "volume or date,open,high,low,close,volume with --symbol and --interval")
    Path bars;

    @Option(names = "--symbol", description = "with --bars: ticker for a file without a symbol column")
    String symbol;

    @Option(names = "--interval", description = "with --bars: timeframe for a file without an interval column")
    String interval;

    @Option(names = "--timezone", paramLabel = "ZONE", description = IngestCommand.TIMEZONE_HELP)
    String timezone;

    @Option(names = "--adjusted", description = "with --bars: analyse the prices " + IngestCommand.ADJUSTED_HELP_TAIL)
    boolean adjusted;

    @Parameters(arity = "0..*", paramLabel = "SYMBOL", description = "symbols to analyse from the database")
    List<String> symbols = List.of();

    @Option(
            names = "--trading",
            description = "trading timeframe for symbols from the database (default cycle.trading)")
    String tradingTf;

    @Option(names = "--lookback", description = "bars per symbol from the database (default cycle.lookback_bars)")
    Integer lookback;

    @Option(names = "--htf-bars", description = "higher-timeframe bars CSV")
    Path htfBars;

    @Option(names = "--htf", description = "higher timeframe to aggregate the input into (complete buckets only)")
    String htf;

    @Option(names = "--out", description = "directory for the output files")
    Path out;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default table)")
    String format;

    @Option(names = "--rows", defaultValue = "10", description = "latest rows to print (default 10)")
    int rows;

    /** [C] The signal parameters of {@code signals.json}. */
    @picocli.CommandLine.Mixin
    SignalOptions signalOptions = new SignalOptions();

    @Override
    public Integer call() throws IOException {
        if (!format.equals("table") && !format.equals("json")) {
            throw new BadArgumentException("invalid value '" + format + "' for --format: expected table or json");
        }
        if ((bars == null) == symbols.isEmpty()) {
            throw new BadArgumentException("give either --bars FILE or SYMBOL… from the database");
        }
        if (bars == null && (symbol != null || interval != null || timezone != null || adjusted)) {
            throw new BadArgumentException(
                    "--symbol, --interval, --timezone and --adjusted read a --bars file; for stored"
                            + " symbols give them as SYMBOL… and --trading");
        }
        OptionRanges.between("--rows", rows, 1, 100_000);
        if (bars == null) {
            return fromDatabase(root().output(format.equals("json")));
        }
        IngestOptions read = IngestOptions.defaults()
                .withLimits(IngestSettings.limits(config(), Clock.systemUTC()))
                .withTimezone(IngestCommand.zone(timezone))
                .withAdjusted(adjusted)
                .withSymbol(symbol, OptionRanges.timeframe("--interval", interval));
        FileAnalysisService.Result r = new FileAnalysisService()
                .analyze(
                        bars,
                        htfBars,
                        htf == null ? null : OptionRanges.timeframe("--htf", htf),
                        read,
                        io.dgas.app.AppContext.mtfParams(config()),
                        signalOptions.params(config()),
                        out,
                        rows);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("symbol", r.trading().symbol());
        model.put("timeframe", r.trading().timeframe().code());
        model.put("bars", r.trading().size());
        model.put(
                "higher_timeframe",
                r.higher() == null ? null : r.higher().timeframe().code());
        model.put("files", r.written().stream().map(Path::toString).toList());
        model.put("latest", FileAnalysisService.rows(r));
        Output o = root().output(format.equals("json"));
        o.result(model, () -> print(o, model, r.files(), r.higher()));
        return ExitCodes.OK;
    }

    @SuppressWarnings("unchecked")
    private void print(Output o, Map<String, Object> model, Map<String, String> files, BarSeries higher) {
        o.line(model.get("symbol") + " " + model.get("timeframe") + ": " + model.get("bars") + " bars"
                + (higher == null
                        ? ""
                        : ", higher timeframe " + higher.timeframe().code() + " (" + higher.size()
                                + " complete bars)"));
        o.table(
                List.of("timestamp", "close", "pldot", "upper", "lower", "state"),
                ((List<Map<String, Object>>) model.get("latest"))
                        .stream()
                                .map(r -> List.of(
                                        r.get("timestamp").toString(),
                                        num(r.get("close")),
                                        num(r.get("pldot")),
                                        num(r.get("upper")),
                                        num(r.get("lower")),
                                        r.get("state").toString()))
                                .toList());
        if (out != null) {
            o.line("");
            o.line("wrote " + files.size() + " files to " + out + ": " + String.join(", ", files.keySet()));
        }
    }

    private static String num(Object v) {
        double d = (Double) v;
        return Double.isNaN(d) ? "NaN" : String.format(Locale.ROOT, "%.4f", d);
    }

    /** {@code dgas analyze SYMBOL…}: the stored series through the {@link StoredAnalysisService}. */
    private int fromDatabase(Output o) throws IOException {
        Timeframe trading = tradingTf != null
                ? OptionRanges.timeframe("--trading", tradingTf)
                : config().timeframe(ConfigKeys.TRADING);
        // weekly bars asked for alone: nothing pairs over them, so they are analysed alone (as the analysis API does)
        Timeframe higher =
                tradingTf != null && htf == null && trading.defaultHigher().isEmpty()
                        ? null
                        : AnalysisService.higherFor(
                                htf != null ? OptionRanges.timeframe("--htf", htf) : null,
                                tradingTf != null ? trading : null,
                                config().timeframe(ConfigKeys.HTF));
        int n = lookback != null
                ? OptionRanges.between("--lookback", lookback, 3, 100_000)
                : config().intValue(ConfigKeys.LOOKBACK);
        List<String> tickers =
                symbols.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).toList();
        List<Map<String, Object>> rows = new StoredAnalysisService(
                        context().database(),
                        context().calculations(),
                        context().mtfParams(),
                        signalOptions.params(config()))
                // no --trading: a symbol without bars at the configured one is analysed at its own (AAPL: 1d with 1w)
                .analyze(tickers, trading, higher, n, out, tradingTf == null && htf == null);
        o.result(
                rows,
                () -> o.table(
                        List.of(
                                "symbol",
                                "htf/trading",
                                "bars",
                                "last bar",
                                "close",
                                "pldot",
                                "state",
                                "alignment",
                                "action",
                                "risk"),
                        rows.stream()
                                .map(r -> List.of(
                                        String.valueOf(r.get("symbol")),
                                        (r.get("htf") == null ? "-" : r.get("htf")) + "/" + r.get("interval"),
                                        String.valueOf(r.get("bars")),
                                        String.valueOf(r.get("last_bar")),
                                        cell(r.get("close")),
                                        cell(r.get("pldot")),
                                        String.valueOf(r.get("state")),
                                        cell(r.get("alignment")),
                                        String.valueOf(r.getOrDefault("action", "-")),
                                        String.valueOf(r.getOrDefault("risk", "-"))))
                                .toList()));
        return ExitCodes.OK;
    }

    private static String cell(Object v) {
        return v instanceof Double d && !d.isNaN() ? String.format(Locale.ROOT, "%.4f", d) : "-";
    }
}
