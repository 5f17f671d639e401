package io.dgas.app.cli;

import io.dgas.app.config.ConfigKeys;
import io.dgas.domain.Timeframe;
import io.dgas.store.api.ApiSettings;
import io.dgas.store.api.EodhdClient;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.ingest.IngestReport;
import io.dgas.store.ingest.TickIngestor;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
final class IngestCommand {

    static Timeframe timeframe(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Timeframe.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadArgumentException(option + ": " + e.getMessage());
        }
    }

    static java.time.Duration lockTimeout(io.dgas.app.config.DgasConfig config) {
        return java.time.Duration.ofSeconds(config.seconds(ConfigKeys.INGEST_LOCK_TIMEOUT));
    }

    /** One report as the JSON object {@code --json} prints (snake_case like every dgas document). */
    static Map<String, Object> model(IngestReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", r.source());
        m.put("kind", r.kind());
        m.put("rows_read", r.rowsRead());
        m.put("inserted", r.inserted());
        m.put("updated", r.updated());
        m.put("unchanged", r.unchanged());
        m.put("rejected", r.rejected());
        m.put("rejects_file", r.rejectsFile());
        m.put("series_changed", r.series());
        m.put("millis", r.millis());
        m.put("rows_per_s", r.rowsPerSecond());
        return m;
    }

    static void print(Output out, List<IngestReport> reports) {
        out.result(reports.stream().map(IngestCommand::model).toList(), () -> {
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

        @Option(names = "--rejects", paramLabel = "FILE", description = "rejects CSV (default: <file>.rejects.csv)")
        Path rejects;

        @Option(names = "--timezone", paramLabel = "ZONE", description = TIMEZONE_HELP)
        String timezone;

        @Option(names = "--atomic", description = "load all files in one transaction: all of them or none")
        boolean atomic;

        @Override
        public Integer call() {
            if (rejects != null && files.size() > 1) {
                throw new BadArgumentException("--rejects names one file; give one input file with it");
            }
            ProgressLine progress = new ProgressLine(out());
            IngestOptions opts = options(this, timezone)
                    .withSymbol(symbol, timeframe("--interval", interval))
                    .withSkipInvalid(skipInvalid)
                    .withCreateSymbols(createSymbols)
                    .withRejects(rejects)
                    .withProgress(progress);
            BarIngestor ingestor = new BarIngestor(
                            context().database(), context().ingestListener())
                    .withLockTimeout(lockTimeout(config()));
            List<IngestReport> reports = new ArrayList<>();
            try {
                if (atomic) {
                    reports.addAll(ingestor.ingestAtomically(files, opts));
                } else {
                    for (Path f : files) {
                        reports.add(ingestor.ingest(f, opts));
                    }
                }
            } catch (RuntimeException e) {
                if (!atomic && files.size() > 1) {
                    out().warn(partialNote(reports, files));
                }
                throw e;
            } finally {
                progress.done();
            }
            context().afterIngest(reports);
            print(out(), reports);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "ticks",
            description = "Load a ticks CSV (timestamp,price,amount or"
                    + " timestamp,price,size,bid,ask,bid_size,ask_size) of one symbol; all-or-nothing.")
    static final class Ticks extends BaseCommand {
        @Parameters(arity = "1", paramLabel = "FILE")
        Path file;

        @Option(names = "--symbol", required = true, description = "ticker the ticks belong to")
        String symbol;

        @Option(names = "--skip-invalid", description = "write the good rows; bad rows go to a rejects CSV")
        boolean skipInvalid;

        @Option(names = "--create-symbols", description = "add the ticker if it is unknown")
        boolean createSymbols;

        @Option(names = "--rejects", paramLabel = "FILE", description = "rejects CSV (default: <file>.rejects.csv)")
        Path rejects;

        @Option(names = "--timezone", paramLabel = "ZONE", description = TIMEZONE_HELP)
        String timezone;

        @Override
        public Integer call() {
            ProgressLine progress = new ProgressLine(out());
            IngestOptions opts = options(this, timezone)
                    .withSymbol(symbol, null)
                    .withSkipInvalid(skipInvalid)
                    .withCreateSymbols(createSymbols)
                    .withRejects(rejects)
                    .withProgress(progress);
            IngestReport r;
            try {
                r = new TickIngestor(context().database())
                        .withLockTimeout(lockTimeout(config()))
                        .ingest(file, opts);
            } finally {
                progress.done();
            }
            print(out(), List.of(r));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "api",
            description = "Fetch history from the market-data API (EODHD-style) and load it through"
                    + " the same validation as files. Key: DGAS_API_KEY, EODHD_API_KEY or api.key.")
    static final class Api extends BaseCommand {
        @Option(names = "--symbols", required = true, split = ",", description = "tickers, e.g. AAPL.US,MSFT.US")
        List<String> symbols;

        @Option(names = "--interval", defaultValue = "1d", description = "1d, 1h, 5m or 1m (default 1d)")
        String interval;

        @Option(names = "--from", required = true, description = "first date, e.g. 2024-01-01")
        LocalDate from;

        @Option(names = "--to", description = "last date (default today)")
        LocalDate to;

        @Option(names = "--create-symbols", description = "add unknown tickers")
        boolean createSymbols;

        @Override
        public Integer call() {
            Timeframe tf = timeframe("--interval", interval);
            ApiSettings settings = ApiSettings.of(
                    config().string(ConfigKeys.API_BASE_URL).orElse(null),
                    config().string(ConfigKeys.API_KEY).orElse(null),
                    config().intValue(ConfigKeys.API_REQUESTS_PER_MINUTE));
            EodhdClient client = EodhdClient.create(settings, context().clock());
            Instant start = from.atStartOfDay().toInstant(ZoneOffset.UTC);
            LocalDate last = to != null ? to : LocalDate.now(context().clock().withZone(ZoneOffset.UTC));
            Instant end =
                    last.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1);
            BarIngestor ingestor =
                    new BarIngestor(context().database(), context().ingestListener());
            List<IngestReport> reports = new ArrayList<>();
            for (String s : symbols) {
                String ticker = s.trim().toUpperCase(Locale.ROOT);
                out().info("fetching " + ticker + " " + tf.code() + " from " + from + " to " + last + " ...");
                String csv = client.barsCsv(ticker, tf, start, end);
                reports.add(ingestor.ingest(
                        "api " + ticker + " " + tf.code(),
                        new StringReader(csv),
                        null,
                        options(this, null).withCreateSymbols(createSymbols)));
            }
            print(out(), reports);
            return ExitCodes.OK;
        }
    }

    static final String TIMEZONE_HELP = "read date-times without a UTC offset in this zone (e.g. America/New_York);"
            + " without it they are rejected (dates alone are 00:00 UTC)";

    /** The defaults with the configured limits (now from the context's clock) and {@code --timezone}. */
    static IngestOptions options(BaseCommand cmd, String timezone) {
        return IngestOptions.defaults()
                .withLimits(IngestSettings.limits(cmd.config(), cmd.context().clock()))
                .withTimezone(IngestSettings.zone(timezone));
    }

    /** What a failed multi-file load left behind: the files committed before the failure, and those not loaded. */
    static String partialNote(List<IngestReport> committed, List<Path> files) {
        List<String> done = committed.stream()
                .map(r -> r.source() + " (" + r.inserted() + " inserted, " + r.updated() + " updated)")
                .toList();
        List<String> rest = files.subList(committed.size(), files.size()).stream()
                .map(f -> f.getFileName().toString())
                .toList();
        return "committed before the failure: " + (done.isEmpty() ? "none" : String.join(", ", done))
                + "; not committed: " + String.join(", ", rest)
                + " (re-run with those files, or use --atomic for all-or-nothing)";
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
