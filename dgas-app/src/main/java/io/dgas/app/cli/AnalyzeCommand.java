package io.dgas.app.cli;

import io.dgas.app.config.ConfigKeys;
import io.dgas.app.service.StoredAnalysisService;
import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.DrummondAnalyzer;
import io.dgas.calc.format.BarsCsvParser;
import io.dgas.calc.format.DrummondReport;
import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
    @Option(names = "--bars", description = "bars CSV: timestamp,symbol,interval,open,high,low,close,volume")
    Path bars;

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

    @Override
    public Integer call() throws IOException {
        if (htfBars != null && htf != null) {
            throw new BadArgumentException("give either --htf-bars or --htf, not both");
        }
        if (!format.equals("table") && !format.equals("json")) {
            throw new BadArgumentException("invalid value '" + format + "' for --format: expected table or json");
        }
        if ((bars == null) == symbols.isEmpty()) {
            throw new BadArgumentException("give either --bars FILE or SYMBOL… from the database");
        }
        if (bars == null) {
            return fromDatabase(root().output(format.equals("json")));
        }
        BarSeries trading = read(bars);
        BarSeries higher = htfBars != null ? read(htfBars) : htf != null ? aggregate(trading, htf) : null;
        Map<String, String> files = DrummondReport.files(trading, higher);
        if (out != null) {
            Files.createDirectories(out);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(out.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            }
        }
        DrummondAnalysis a = DrummondAnalyzer.analyze(trading);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("symbol", trading.symbol());
        model.put("timeframe", trading.timeframe().code());
        model.put("bars", trading.size());
        model.put("higher_timeframe", higher == null ? null : higher.timeframe().code());
        model.put(
                "files",
                out == null
                        ? List.of()
                        : files.keySet().stream()
                                .map(n -> out.resolve(n).toString())
                                .toList());
        model.put("latest", latest(a));
        Output o = root().output(format.equals("json"));
        o.result(model, () -> print(o, model, files, higher));
        return ExitCodes.OK;
    }

    private static BarSeries read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return BarsCsvParser.parseSingle(r, file.toString());
        } catch (NoSuchFileException e) {
            throw new BadArgumentException("bars file " + file + " does not exist");
        } catch (java.nio.file.FileSystemException e) { // a name too long, a directory, no permission: the user's path
            throw new BadArgumentException("bars file " + io.dgas.Printable.of(file.toString()) + ": cannot read it ("
                    + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()) + ")");
        }
    }

    private static BarSeries aggregate(BarSeries trading, String code) {
        Timeframe target;
        try {
            target = Timeframe.parse(code);
        } catch (IllegalArgumentException e) {
            throw new BadArgumentException("--htf: " + e.getMessage());
        }
        if (!target.isMultipleOf(trading.timeframe()) || target == trading.timeframe()) {
            throw new BadArgumentException("--htf " + target.code() + " is not a higher multiple of the input's "
                    + trading.timeframe().code());
        }
        return BarAggregator.complete(
                trading,
                target,
                trading.ts()[trading.size() - 1] + trading.timeframe().seconds());
    }

    private List<Map<String, Object>> latest(DrummondAnalysis a) {
        List<Map<String, Object>> out = new ArrayList<>();
        long[] ts = a.series().ts();
        double[] close = a.series().close();
        for (int i = Math.max(0, a.size() - rows); i < a.size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("timestamp", Instant.ofEpochSecond(ts[i]).toString());
            row.put("close", close[i]);
            row.put("pldot", a.pldot()[i]);
            row.put("upper", a.upper()[i]);
            row.put("lower", a.lower()[i]);
            row.put("state", io.dgas.calc.drummond.MarketState.codeOf(a.states().state()[i]));
            out.add(row);
        }
        return out;
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
        Timeframe trading =
                tradingTf != null ? timeframe("--trading", tradingTf) : config().timeframe(ConfigKeys.TRADING);
        Timeframe higher = htf != null ? timeframe("--htf", htf) : config().timeframe(ConfigKeys.HTF);
        int n = lookback != null ? lookback : config().intValue(ConfigKeys.LOOKBACK);
        List<String> tickers =
                symbols.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).toList();
        List<Map<String, Object>> rows = new StoredAnalysisService(
                        context().database(), context().calculations())
                .analyze(tickers, trading, higher, n, out);
        o.result(
                rows,
                () -> o.table(
                        List.of("symbol", "bars", "last bar", "close", "pldot", "state", "alignment", "action", "risk"),
                        rows.stream()
                                .map(r -> List.of(
                                        String.valueOf(r.get("symbol")),
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

    private static Timeframe timeframe(String option, String code) {
        try {
            return Timeframe.parse(code);
        } catch (IllegalArgumentException e) {
            throw new BadArgumentException(option + ": " + e.getMessage());
        }
    }

    private static String cell(Object v) {
        return v instanceof Double d && !d.isNaN() ? String.format(Locale.ROOT, "%.4f", d) : "-";
    }
}
