package io.dgas.app.cli.ingest;

import io.dgas.app.cli.*;
import io.dgas.app.ingest.IngestService;
import io.dgas.app.ingest.IngestSummary;
import io.dgas.store.bars.AssetClasses;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.ingest.IngestReport;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dgas ingest bars|ticks|api}: validated loads into the market-data store. */
@Command(
        name = "ingest",
        description = "Load bars, ticks (CSV files or the market-data API) or news, validated, idempotent.",
        subcommands = {
            IngestCommand.Bars.class,
            IngestCommand.Ticks.class,
            IngestCommand.Api.class,
            IngestNewsCommand.class
        })
public final class IngestCommand {

    /** The reports, and their warnings ({@link IngestSummary#warnings}: in the JSON, or as warning lines). */
    static void print(Output out, List<IngestReport> reports, io.dgas.app.quality.DataChecks checks) {
        List<List<String>> warnings =
                reports.stream().map(r -> IngestSummary.warnings(r, checks)).toList();
        List<Object> models = new java.util.ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            models.add(IngestSummary.model(reports.get(i), warnings.get(i)));
        }
        out.result(models, () -> {
            out.table(
                    List.of("source", "kind", "read", "inserted", "updated", "unchanged", "rejected", "rows/s"),
                    reports.stream()
                            .map(r -> List.of(
                                    r.source(),
                                    r.kind(),
                                    Long.toString(r.rowsRead()),
                                    Long.toString(r.inserted()),
                                    Long.toString(r.updated()),
                                    Long.toString(r.unchanged()),
                                    Long.toString(r.rejected()),
                                    Long.toString(r.rowsPerSecond())))
                            .toList());
            for (IngestReport r : reports) {
                if (r.rejectsFile() != null) {
                    out.line(r.rejected() + " rejected row(s) of " + r.source() + " written to " + r.rejectsFile());
                }
            }
            warnings.forEach(w -> w.forEach(out::warn));
        });
    }

    @Command(
            name = "bars",
            description = "Load bars CSV files (timestamp,symbol,interval,open,high,low,close,volume"
                    + " or date,open,high,low,close,volume with --symbol and --interval). Each file is all-or-nothing.")
    static final class Bars extends BaseCommand {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "CSV files")
        List<Path> files;

        @Option(names = "--symbol", description = "ticker for files without a symbol column")
        String symbol;

        @Option(names = "--interval", description = "timeframe for files without an interval column (1m … 1w)")
        String interval;

        @Option(names = "--skip-invalid", description = "write the good rows; bad rows go to a rejects CSV")
        boolean skipInvalid;

        @Option(names = "--create-symbols", description = "add unknown tickers instead of rejecting their rows")
        boolean createSymbols;

        @Option(names = "--asset-class", paramLabel = "CLASS", description = ASSET_CLASS_HELP)
        String assetClass;

        @Option(names = "--rejects", paramLabel = "FILE", description = "rejects CSV (default: <file>.rejects.csv)")
        Path rejects;

        @Option(names = "--timezone", paramLabel = "ZONE", description = TIMEZONE_HELP)
        String timezone;

        @Option(names = "--atomic", description = "load all files in one transaction: all of them or none")
        boolean atomic;

        @Option(names = "--adjusted", description = ADJUSTED_HELP)
        boolean adjusted;

        @Override
        public Integer call() {
            if (rejects != null && files.size() > 1) {
                throw new BadArgumentException("--rejects names one file; give one input file with it");
            }
            checkRejects(rejects);
            ProgressLine progress = new ProgressLine(out());
            IngestOptions opts = context()
                    .ingest()
                    .options(zone(timezone))
                    .withSymbol(symbol, OptionRanges.timeframe("--interval", interval))
                    .withAdjusted(adjusted)
                    .withSkipInvalid(skipInvalid)
                    .withCreateSymbols(createSymbols)
                    .withAssetClass(assetClass(assetClass))
                    .withRejects(rejects)
                    .withProgress(progress);
            List<IngestReport> reports;
            try {
                reports = context().ingest().bars(files, opts, atomic, out()::warn);
            } finally {
                progress.done();
            }
            print(out(), reports, context().checks());
            return ExitCodes.OK;
        }
    }

    /** A rejects file that cannot be written is refused before any row is read (it failed the load at its first). */
    private static void checkRejects(Path rejects) {
        if (rejects != null) {
            io.dgas.app.cli.OutputFile.check("--rejects", rejects);
        }
    }

    @Command(
            name = "ticks",
            description = "Load a ticks CSV (timestamp,price,amount or"
                    + " timestamp,price,size,bid,ask,bid_size,ask_size) of one symbol; all-or-nothing.")
    static final class Ticks extends BaseCommand {
        @Parameters(arity = "1", paramLabel = "FILE", description = "ticks CSV file")
        Path file;

        @Option(names = "--symbol", required = true, description = "ticker the ticks belong to")
        String symbol;

        @Option(names = "--skip-invalid", description = "write the good rows; bad rows go to a rejects CSV")
        boolean skipInvalid;

        @Option(names = "--create-symbols", description = "add the ticker if it is unknown")
        boolean createSymbols;

        @Option(names = "--asset-class", paramLabel = "CLASS", description = ASSET_CLASS_HELP)
        String assetClass;

        @Option(names = "--rejects", paramLabel = "FILE", description = "rejects CSV (default: <file>.rejects.csv)")
        Path rejects;

        @Option(names = "--timezone", paramLabel = "ZONE", description = TIMEZONE_HELP)
        String timezone;

        @Override
        public Integer call() {
            checkRejects(rejects);
            ProgressLine progress = new ProgressLine(out());
            IngestOptions opts = context()
                    .ingest()
                    .options(zone(timezone))
                    .withSymbol(symbol, null)
                    .withSkipInvalid(skipInvalid)
                    .withCreateSymbols(createSymbols)
                    .withAssetClass(assetClass(assetClass))
                    .withRejects(rejects)
                    .withProgress(progress);
            IngestReport r;
            try {
                r = context().ingest().ticks(file, opts);
            } finally {
                progress.done();
            }
            print(out(), List.of(r), context().checks());
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "api",
            description = "Fetch history from the market-data API (EODHD-style) and load it through"
                    + " the same validation as files. Key: DGAS_API_KEY, EODHD_API_KEY or api.key.")
    static final class Api extends BaseCommand {
        @Option(
                names = "--symbols",
                required = true,
                split = ",",
                description = "tickers as stored, e.g. AAPL,BTC-USD (asked as AAPL.US, BTC-USD.CC by asset class), or"
                        + " naming an exchange, e.g. VOD.LSE")
        List<String> symbols;

        @Option(names = "--interval", defaultValue = "1d", description = "1d, 1h, 5m or 1m (default 1d)")
        String interval;

        @Option(names = "--from", description = "first date, e.g. 2024-01-01 (required unless --fill-gaps)")
        LocalDate from;

        @Option(names = "--to", description = "last date (default today)")
        LocalDate to;

        @Option(names = "--create-symbols", description = "add unknown tickers")
        boolean createSymbols;

        @Option(
                names = "--adjusted",
                description = "daily bars only: store the prices adjusted for splits and dividends by the API's"
                        + " adjusted close, as of the fetch (fetch the range again after a split)")
        boolean adjusted;

        @Option(
                names = "--fill-gaps",
                description = "fetch only the bars missing between the stored ones (dgas data gaps), gaps close"
                        + " together in one request, within --from and --to when given")
        boolean fillGaps;

        @Option(
                names = "--max-requests",
                defaultValue = "100",
                description = "with --fill-gaps: requests at most (1..10000, default 100)")
        int maxRequests;

        @Option(
                names = "--asset-class",
                paramLabel = "CLASS",
                description = "class of the tickers it creates (default: .CC crypto, .FOREX forex, .INDX index, else"
                        + " stock); a stored symbol's class decides its API name: crypto BTC-USD as BTC-USD.CC, else"
                        + " AAPL as AAPL.US")
        String assetClass;

        @Override
        public Integer call() {
            if (fillGaps) {
                return fill();
            }
            if (from == null) {
                throw new BadArgumentException("--from", null, "--from is required (unless --fill-gaps)");
            }
            List<IngestReport> reports = context()
                    .ingest()
                    .fromApi(
                            symbols,
                            OptionRanges.timeframe("--interval", interval),
                            from,
                            to,
                            createSymbols,
                            assetClass(assetClass),
                            adjusted,
                            out()::info);
            print(out(), reports, context().checks());
            return ExitCodes.OK;
        }

        private Integer fill() {
            if (createSymbols || assetClass != null) {
                throw new BadArgumentException(
                        createSymbols ? "--create-symbols" : "--asset-class",
                        null,
                        "--fill-gaps fills stored series: --create-symbols and --asset-class do not apply");
            }
            if (adjusted) {
                // a gap's bars adjusted as of today beside stored bars adjusted (or not) as of their own fetch
                throw new BadArgumentException(
                        "--adjusted",
                        null,
                        "--fill-gaps cannot adjust: the gaps' bars would be adjusted as of today and their neighbours"
                                + " as of their own fetch; fetch the whole range with --from and --adjusted instead");
            }
            OptionRanges.between("--max-requests", maxRequests, 1, 10_000);
            List<IngestService.GapFill> fills = context()
                    .ingest()
                    .fillGaps(
                            context().gaps(),
                            symbols,
                            OptionRanges.timeframe("--interval", interval),
                            from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC),
                            to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                            maxRequests,
                            out()::info);
            out().result(
                            fills,
                            () -> out().table(
                                            List.of(
                                                    "symbol",
                                                    "gaps",
                                                    "missing",
                                                    "requests",
                                                    "rows",
                                                    "gaps after",
                                                    "missing after"),
                                            fills.stream()
                                                    .map(f -> List.of(
                                                            f.symbol(),
                                                            Long.toString(f.gapsBefore()),
                                                            Long.toString(f.missingBefore()),
                                                            f.requests() + (f.requestsExhausted() ? " (limit)" : ""),
                                                            Long.toString(f.rows()),
                                                            Long.toString(f.gapsAfter()),
                                                            Long.toString(f.missingAfter())))
                                                    .toList()));
            return ExitCodes.OK;
        }
    }

    static final String ASSET_CLASS_HELP = "asset class of the symbols it creates: stock (default), etf, future,"
            + " crypto, forex, index or other; existing symbols keep theirs";

    /** {@code --asset-class} checked, or null when not given. */
    static String assetClass(String text) {
        if (text == null) {
            return null;
        }
        try {
            return AssetClasses.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadArgumentException("--asset-class: " + e.getMessage());
        }
    }

    /** What --adjusted does to a bars file's prices, after a verb ("store", "analyse"). */
    public static final String ADJUSTED_HELP_TAIL = "adjusted for splits and dividends by the file's adjusted close"
            + " column (Adj Close, adjusted_close): open, high and low scaled by adjusted close / close";

    static final String ADJUSTED_HELP = "store the prices " + ADJUSTED_HELP_TAIL;

    public static final String TIMEZONE_HELP =
            "read date-times without a UTC offset in this zone (e.g. America/New_York);"
                    + " without it they are rejected (dates alone are 00:00 UTC)";

    /** {@code --timezone} as a zone, or null when not given. */
    public static ZoneId zone(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            throw new BadArgumentException("--timezone: unknown zone '" + text
                    + "'; use a region such as America/New_York or an offset such as +02:00");
        }
    }

    static List<String> split(List<String> values) {
        return values == null
                ? List.of()
                : values.stream()
                        .flatMap(v -> Arrays.stream(v.split(",")))
                        .map(v -> v.trim().toUpperCase(Locale.ROOT))
                        .filter(v -> !v.isEmpty())
                        .toList();
    }
}
