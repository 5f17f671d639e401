package io.dgas.app.ingest;

import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.DgasConfig;
import io.dgas.app.gaps.DataGaps;
import io.dgas.app.service.BadInputException;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.api.ApiSettings;
import io.dgas.store.api.EodhdClient;
import io.dgas.store.api.EodhdTickers;
import io.dgas.store.bars.AssetClasses;
import io.dgas.store.bars.BarRollup;
import io.dgas.store.bars.KnownSymbols;
import io.dgas.store.bars.RollupResult;
import io.dgas.store.bars.Session;
import io.dgas.store.bars.SymbolRepository;
import io.dgas.store.cache.CacheInvalidation;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.ingest.IngestReport;
import io.dgas.store.ingest.TickIngestor;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Loads bars and ticks into the store: the one path under {@code dgas ingest bars|ticks|api} and the upload routes
 * {@code POST /api/v1/ingest/bars|ticks}. Every load is validated and idempotent (see {@link BarIngestor}); after a
 * bars load the caches of the changed series are dropped (the ingestor tells {@link CacheInvalidation}) and
 * {@code afterIngest} counts the rows and evaluates the alert rules of the changed symbols. A ticks load changes no
 * bar series but may add a symbol and its last price, so it drops the cached symbol lists.
 */
public final class IngestService {
    /** The most gaps of one symbol a fill reads (and so requests) at once. */
    static final int MAX_GAPS = 10_000;

    private final Database db;
    private final CacheInvalidation invalidation;
    private final DgasConfig config;
    private final Clock clock;
    private final Consumer<List<IngestReport>> afterIngest;

    public IngestService(
            Database db,
            CacheInvalidation invalidation,
            DgasConfig config,
            Clock clock,
            Consumer<List<IngestReport>> afterIngest) {
        this.db = db;
        this.invalidation = invalidation;
        this.config = config;
        this.clock = clock;
        this.afterIngest = afterIngest;
    }

    /**
     * The defaults with the configured limits (now from the clock) and {@code timezone} (null: date-times without an
     * offset are rejected); callers add symbol, skip-invalid and the rest with the {@code with…} methods.
     */
    public IngestOptions options(ZoneId timezone) {
        return IngestOptions.defaults()
                .withLimits(IngestSettings.limits(config, clock))
                .withTimezone(timezone);
    }

    /**
     * Loads bars files: each file all-or-nothing, or with {@code atomic} all of them in one transaction. When a
     * non-atomic load of several files fails, {@code onPartial} hears which files were committed before the failure
     * (then the failure is thrown on).
     */
    public List<IngestReport> bars(List<Path> files, IngestOptions opts, boolean atomic, Consumer<String> onPartial) {
        BarIngestor ingestor = barIngestor();
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
                onPartial.accept(partialNote(reports, files));
            }
            throw e;
        }
        afterIngest.accept(reports);
        return reports;
    }

    /** Loads one bars CSV given as text (an upload) named {@code source}; rejects are counted, not written. */
    public IngestReport bars(String source, String csv, IngestOptions opts) {
        IngestReport r = barIngestor().ingest(source, new StringReader(csv), null, opts);
        afterIngest.accept(List.of(r));
        return r;
    }

    /** A CSV sent to the server: its name (as reports and messages call it) and its text. */
    public record Upload(String name, String csv) {}

    /**
     * Loads bars CSVs sent to the server, each all-or-nothing, or with {@code atomic} all of them in one transaction
     * (then they pass through temporary files, deleted afterwards, and the reports name no rejects file).
     */
    public List<IngestReport> bars(List<Upload> uploads, IngestOptions opts, boolean atomic) {
        if (!atomic || uploads.size() == 1) {
            List<IngestReport> reports = new ArrayList<>();
            for (Upload u : uploads) {
                reports.add(bars(u.name(), u.csv(), opts));
            }
            return reports;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("dgas-upload");
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < uploads.size(); i++) {
                // numbered, so two uploads with one name stay apart; a name as sent never leaves its folder
                Path f = Files.createDirectory(dir.resolve(Integer.toString(i))).resolve(fileName(uploads.get(i)));
                Files.writeString(f, uploads.get(i).csv());
                files.add(f);
            }
            return bars(files, opts.withRejects(null), true, note -> {}).stream()
                    .map(r -> new IngestReport(
                            r.source(),
                            r.kind(),
                            r.rowsRead(),
                            r.inserted(),
                            r.updated(),
                            r.unchanged(),
                            r.rejected(),
                            null,
                            r.series(),
                            r.millis()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the uploads in a temporary directory", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static String fileName(Upload u) {
        String safe = u.name().replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "upload" + safe : safe;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless; the load's answer matters more
        }
    }

    /** Loads the ticks of {@code opts.symbol()} from a file. */
    public IngestReport ticks(Path file, IngestOptions opts) {
        return ticksLoaded(tickIngestor().ingest(file, opts));
    }

    /** Loads the ticks of {@code opts.symbol()} given as text (an upload) named {@code source}. */
    public IngestReport ticks(String source, String csv, IngestOptions opts) {
        return ticksLoaded(tickIngestor().ingest(source, new StringReader(csv), null, opts));
    }

    /**
     * Fetches the history of {@code tickers} (as stored, e.g. {@code AAPL}, {@code BTC-USD}, or naming an exchange,
     * {@code VOD.LSE}) in {@code tf} from the market-data API over whole UTC days [{@code from}, {@code to}] (to: null
     * for today) and loads it like a file under the ticker as given; {@code progress} hears each fetch. Each ticker is
     * asked under its API name as the collect stage asks it ({@link EodhdTickers}, by asset class): a stored symbol's
     * class decides; one the load creates gets {@code assetClass} (null: the class its exchange implies, {@code .CC}
     * crypto, {@code .FOREX} forex, {@code .INDX} index, else stock). The stored classes are read in one query. With
     * {@code adjusted} the daily prices are stored adjusted for splits and dividends by the API's adjusted close, as
     * {@code ingest bars --adjusted} stores a file's: as of the fetch, so a later split needs the range fetched again.
     *
     * @throws BadInputException when the last day is before the first, or {@code adjusted} asked of intraday bars,
     *     which the API gives no adjusted close (before any request, and before the key is looked for); when no API
     *     key is configured (naming {@code api.key})
     */
    public List<IngestReport> fromApi(
            List<String> tickers,
            Timeframe tf,
            LocalDate from,
            LocalDate to,
            boolean createSymbols,
            String assetClass,
            boolean adjusted,
            Consumer<String> progress) {
        if (adjusted && tf != Timeframe.D1) {
            throw new BadInputException(
                    "adjusted",
                    tf.code(),
                    "the API gives no adjusted close with " + tf.code()
                            + " bars: adjusted prices are fetched as daily bars (--interval 1d)",
                    List.of("1d"));
        }
        LocalDate last = to != null ? to : LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (last.isBefore(from)) {
            throw new BadInputException(
                    to != null ? "to" : "from",
                    (to != null ? to : from).toString(),
                    "the last day " + last + (to != null ? "" : " (today)") + " is before the first, " + from,
                    List.of("a first day on or before the last"));
        }
        EodhdClient client = apiClient();
        Instant start = from.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = last.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1);
        BarIngestor ingestor = barIngestor();
        IngestOptions opts = options(null).withCreateSymbols(createSymbols).withAdjusted(adjusted);
        List<String> wanted =
                tickers.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).toList();
        Map<String, String> stored = new SymbolRepository(db).assetClasses(wanted);
        List<IngestReport> reports = new ArrayList<>();
        for (String ticker : wanted) {
            String cls = stored.getOrDefault(
                    ticker,
                    assetClass != null
                            ? assetClass
                            : EodhdTickers.impliedClass(ticker).orElse(AssetClasses.DEFAULT));
            String apiTicker = EodhdTickers.rest(ticker, cls);
            progress.accept("fetching " + ticker + (apiTicker.equals(ticker) ? "" : " (as " + apiTicker + ")") + " "
                    + tf.code() + " from " + from + " to " + last + " ...");
            String csv = client.barsCsv(ticker, apiTicker, tf, start, end);
            reports.add(ingestor.ingest(
                    "api " + ticker + " " + tf.code(), new StringReader(csv), null, opts.withAssetClass(cls)));
        }
        afterIngest.accept(reports);
        return reports;
    }

    /**
     * The market-data API client of the configuration.
     *
     * @throws BadInputException naming {@code api.key} when no key is configured: the request itself may be right, but
     *     this server or home cannot serve it until its configuration gives one (nothing is fetched)
     */
    private EodhdClient apiClient() {
        String key = config.string(ConfigKeys.API_KEY).orElse(null);
        if (key == null || key.isBlank()) {
            throw new BadInputException(
                    ConfigKeys.API_KEY,
                    null,
                    "no market-data API key is configured: set " + ConfigKeys.API_KEY
                            + " in dgas.yaml, or DGAS_API_KEY (or EODHD_API_KEY) in the environment",
                    List.of(ConfigKeys.API_KEY + " in dgas.yaml", "DGAS_API_KEY or EODHD_API_KEY in the environment"));
        }
        return EodhdClient.create(
                ApiSettings.of(
                        config.string(ConfigKeys.API_BASE_URL).orElse(null),
                        key,
                        config.intValue(ConfigKeys.API_REQUESTS_PER_MINUTE)),
                clock);
    }

    /**
     * What a gap fill did for one symbol: its gaps and missing bars before and after, the requests made, the rows the
     * loads inserted or updated, and whether gaps were left unrequested ({@code maxRequests} reached, or more than
     * {@value #MAX_GAPS} gaps).
     */
    public record GapFill(
            String symbol,
            long gapsBefore,
            long missingBefore,
            int requests,
            long rows,
            long gapsAfter,
            long missingAfter,
            boolean requestsExhausted) {}

    /**
     * Fills the gaps ({@link DataGaps}) of the stored series of {@code tickers} at {@code tf} with bars in {@code [from,
     * to)} (null: unbounded) from the market-data API, each symbol's oldest first, at most {@code maxRequests} requests
     * in all: gaps close together share a request, each request spanning as much as one request of the API may
     * ({@link GapRequests}); the bars load through the same validation and upsert as every load, and the gaps are
     * judged again after (a gap the source has no bars for stays).
     *
     * @throws io.dgas.store.bars.UnknownSymbolException a symbol that is not stored
     * @throws io.dgas.app.service.BadInputException a symbol whose exchange has no calendar here, or no API key
     *     configured ({@code api.key}); nothing is fetched
     */
    public List<GapFill> fillGaps(
            DataGaps gaps,
            List<String> tickers,
            Timeframe tf,
            Instant from,
            Instant to,
            int maxRequests,
            Consumer<String> progress) {
        List<String> wanted =
                tickers.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).toList();
        KnownSymbols.require(db, wanted);
        Map<String, String> classes = new SymbolRepository(db).assetClasses(wanted);
        // every symbol's calendar before the first request: a fill refused for one symbol fetches nothing
        wanted.forEach(t -> gaps.requireCalendar(t, classes.get(t)));
        EodhdClient client = apiClient();
        BarIngestor ingestor = barIngestor();
        IngestOptions opts = options(null);
        List<GapFill> out = new ArrayList<>();
        List<IngestReport> reports = new ArrayList<>();
        int left = maxRequests;
        long span = EodhdClient.requestSpanSeconds(tf);
        for (String ticker : wanted) {
            String cls = classes.getOrDefault(ticker, AssetClasses.DEFAULT);
            DataGaps.Report before = gaps.find(ticker, tf, from, to, MAX_GAPS, 0);
            int requests = 0;
            long rows = 0;
            long filled = 0;
            for (GapRequests.Request q : GapRequests.plan(before.gaps().items(), span)) {
                if (left == 0) {
                    break;
                }
                progress.accept("fetching " + ticker + " " + tf.code() + " " + q.from() + " to " + q.to() + " ("
                        + q.gaps() + " gap(s)) ...");
                String csv = client.barsCsv(ticker, EodhdTickers.rest(ticker, cls), tf, q.from(), q.to());
                IngestReport r = ingestor.ingest(
                        "api " + ticker + " " + tf.code() + " " + q.from(), new StringReader(csv), null, opts);
                reports.add(r);
                rows += r.inserted() + r.updated();
                requests++;
                left--;
                filled += q.gaps();
            }
            long total = before.gaps().total();
            DataGaps.Report after = requests == 0 ? before : gaps.find(ticker, tf, from, to, 1, 0);
            out.add(new GapFill(
                    ticker,
                    total,
                    before.missing(),
                    requests,
                    rows,
                    after.gaps().total(),
                    after.missing(),
                    filled < total));
        }
        afterIngest.accept(reports);
        return out;
    }

    /**
     * Aggregates stored ticks ({@code fromTimeframe} null) or bars of {@code fromTimeframe} into {@code targets} for
     * {@code symbols} (empty: all); the caches of the changed series are dropped.
     *
     * @throws io.dgas.store.bars.UnknownSymbolException a symbol that is not stored
     */
    public List<RollupResult> aggregate(
            List<String> symbols, Timeframe fromTimeframe, List<Timeframe> targets, boolean includePartial, Session s) {
        KnownSymbols.require(db, symbols);
        BarRollup rollup = new BarRollup(db, invalidation);
        return fromTimeframe == null
                ? rollup.fromTicks(symbols, targets, includePartial, s)
                : rollup.fromBars(symbols, fromTimeframe, targets, includePartial, s);
    }

    private IngestReport ticksLoaded(IngestReport r) {
        if (r.inserted() + r.updated() > 0) {
            invalidation.symbolsChanged();
        }
        return r;
    }

    private BarIngestor barIngestor() {
        return new BarIngestor(db, invalidation).withLockTimeout(lockTimeout());
    }

    private TickIngestor tickIngestor() {
        return new TickIngestor(db).withLockTimeout(lockTimeout());
    }

    private Duration lockTimeout() {
        return Duration.ofSeconds(config.seconds(ConfigKeys.INGEST_LOCK_TIMEOUT));
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
}
