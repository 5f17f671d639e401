package io.dgas.store.ingest;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import io.dgas.store.UnableToExecuteStatementException;
import io.dgas.store.bars.UnknownSymbolException;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.partition.MonthSet;
import io.dgas.store.partition.Partitions;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Loads bars: stream a CSV, validate each line in Java, binary-COPY the good rows into a temporary staging table,
 * then one set-based upsert into {@code bars}, all in one transaction. A file that a first pass over its keys proves
 * new and free of duplicates is instead copied straight into {@code bars} ({@link DirectLoad}).
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>All-or-nothing per source by default: the first invalid line aborts the load with an {@link
 *       InvalidInputException} naming file, line, field, value and rule; nothing is written. With {@code skipInvalid}
 *       the good rows are written and the bad ones go to a rejects CSV.
 *   <li>A ticker given for a file without a symbol column that is not stored, unless it is to be created, is an
 *       {@link UnknownSymbolException} before any row is read; nothing is written.
 *   <li>A symbol or interval given for a file with its own column must agree with the column on every row: the
 *       first row that differs fails the load with an {@link InvalidInputException} naming the option and the row's
 *       value, whatever {@code skipInvalid} says; nothing is written.
 *   <li>Idempotent: a row whose values equal the stored ones is not rewritten (counted {@code unchanged}); a
 *       corrected bar replaces the stored one ({@code updated}).
 *   <li>A soft-deleted bar that is ingested again is restored ({@code deleted_at} cleared) and counted as updated:
 *       sending a bar is a statement that it exists.
 *   <li>Duplicate keys (symbol, interval, timestamp) within one source are rejected, the later line naming the
 *       earlier one.
 *   <li>Month partitions for the months that hold rows are created first (never for the span between them); the
 *       {@link IngestListener} hears about every series with inserted or updated rows, after commit.
 *   <li>A database lost mid-load is reported as an {@link io.dgas.store.UnableToConnectException} naming the source,
 *       the stage and that nothing was committed.
 *   <li>Memory is bounded by one line, one COPY buffer and the symbol table, whatever the file size.
 * </ul>
 */
public final class BarIngestor {
    private static final String STAGE = BarStageSql.STAGE;

    private final Database db;
    private final IngestListener listener;
    private final IngestTransaction tx;
    private final EventPublisher events;

    /**
     * An ingestor that waits at most 30 s for a lock ({@link #withLockTimeout}) and announces the series it changed
     * ({@code bars} events, {@link EventPublisher}) in its committing transaction.
     */
    public BarIngestor(Database db, IngestListener listener) {
        this(
                db,
                listener,
                new IngestTransaction(db, IngestTransaction.DEFAULT_LOCK_TIMEOUT),
                EventPublisher.postgres(db));
    }

    private BarIngestor(Database db, IngestListener listener, IngestTransaction tx, EventPublisher events) {
        this.db = db;
        this.listener = listener;
        this.tx = tx;
        this.events = events;
    }

    /** The same ingestor with another lock timeout (positive): a load waits no longer for another session's lock. */
    public BarIngestor withLockTimeout(Duration lockTimeout) {
        return new BarIngestor(db, listener, new IngestTransaction(db, lockTimeout), events);
    }

    /** The same ingestor announcing through {@code publisher} ({@link EventPublisher#NONE}: not at all). */
    public BarIngestor withEvents(EventPublisher publisher) {
        return new BarIngestor(db, listener, tx, publisher);
    }

    /**
     * Ingests one file; rejects (with skip-invalid) go to {@code <file>.rejects.csv} unless options say otherwise. A
     * load that meets a deadlock with a concurrent writer runs again from the start of the file.
     */
    public IngestReport ingest(Path file, IngestOptions opts) {
        BarPrescan pre = Files.isRegularFile(file)
                ? BarPrescan.of(file, file.getFileName().toString(), opts)
                : null;
        return tx.retrying(file.getFileName().toString(), opts.progress(), true, () -> {
            try {
                return InputFiles.read(file, opts, (name, reader, rejects) -> ingest(name, reader, rejects, opts, pre));
            } catch (DirectLoadConflict e) {
                // a writer stored one of the file's keys after the overlap check: load again through staging
                return InputFiles.read(
                        file, opts, (name, reader, rejects) -> ingest(name, reader, rejects, opts, null));
            }
        });
    }

    /**
     * Ingests a character stream named {@code source} in messages; rejects go to {@code rejectsPath} (may be null).
     * Only a {@link StringReader} can be read again, so only its load is retried after a deadlock.
     */
    public IngestReport ingest(String source, Reader reader, Path rejectsPath, IngestOptions opts) {
        return tx.retrying(
                source,
                opts.progress(),
                Rereading.start(reader),
                () -> ingest(source, Rereading.again(reader), rejectsPath, opts, null));
    }

    private IngestReport ingest(String source, Reader reader, Path rejectsPath, IngestOptions opts, BarPrescan pre) {
        long start = System.nanoTime();
        LoadStage stage = new LoadStage();
        try (RejectsFile rejects = new RejectsFile(rejectsPath)) {
            Loaded l;
            try {
                l = tx.run(source, opts.progress(), BarIngestor::written, s -> {
                    Loaded done = load(s, source, reader, opts, rejects, pre, stage);
                    IngestEvents.announce(s, events, done.changed(), List.of(done.ranges()));
                    stage.enter(LoadStage.COMMIT);
                    return done;
                });
            } catch (RuntimeException e) {
                throw stage.translate(source, e);
            }
            return report(source, l, rejects, start);
        }
    }

    /**
     * Ingests {@code files} in one transaction: all of them or nothing. Every file goes through staging and the upsert
     * (no direct COPY); rejects (with skip-invalid) go beside each file. A deadlock with a concurrent writer runs the
     * whole set again from the start, as a single file's load does.
     */
    public List<IngestReport> ingestAtomically(List<Path> files, IngestOptions opts) {
        return tx.retrying(
                String.join(", ", names(files)), opts.progress(), true, () -> ingestAtomicallyOnce(files, opts));
    }

    private List<IngestReport> ingestAtomicallyOnce(List<Path> files, IngestOptions opts) {
        LoadStage stage = new LoadStage();
        List<RejectsFile> rejects = new ArrayList<>();
        long[] starts = new long[files.size()];
        try {
            List<Loaded> loaded;
            try {
                ToLongFunction<List<Loaded>> written =
                        done -> done.stream().mapToLong(BarIngestor::written).sum();
                loaded = tx.run(String.join(", ", names(files)), opts.progress(), written, s -> {
                    List<Loaded> done = new ArrayList<>();
                    for (Path f : files) {
                        starts[done.size()] = System.nanoTime();
                        RejectsFile rj =
                                new RejectsFile(opts.rejects() != null ? opts.rejects() : RejectsFile.besides(f));
                        rejects.add(rj);
                        done.add(loadFile(s, f, opts, rj, stage));
                        s.update("ingest.bars.unstage", "DROP TABLE IF EXISTS " + STAGE, SqlSession.Binder.NONE);
                    }
                    IngestEvents.announce(
                            s,
                            events,
                            done.stream().flatMap(l -> l.changed().stream()).toList(),
                            done.stream().map(Loaded::ranges).toList());
                    stage.enter(LoadStage.COMMIT);
                    return done;
                });
            } catch (RuntimeException e) {
                throw stage.translate(String.join(", ", names(files)), e);
            }
            List<IngestReport> out = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                out.add(report(names(files).get(i), loaded.get(i), rejects.get(i), starts[i]));
            }
            return out;
        } finally {
            rejects.forEach(RejectsFile::close);
        }
    }

    private Loaded loadFile(SqlSession s, Path f, IngestOptions opts, RejectsFile rj, LoadStage stage)
            throws SQLException {
        try (Reader r = InputFiles.open(f)) {
            return load(s, f.getFileName().toString(), r, opts, rj, null, stage);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException("no such file: " + f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    private static List<String> names(Collection<Path> files) {
        return files.stream().map(f -> f.getFileName().toString()).toList();
    }

    private IngestReport report(String source, Loaded l, RejectsFile rejects, long start) {
        List<String> series = new ArrayList<>();
        for (SeriesCount c : l.changed()) {
            series.add(c.ticker() + "/" + c.timeframe().code());
        }
        for (SeriesCount c : l.changed()) {
            listener.barsChanged(c.ticker(), c.timeframe(), l.ranges().earliestSecond(c.ticker(), c.timeframe()));
        }
        long inserted = l.changed().stream().mapToLong(SeriesCount::inserted).sum();
        long updated = l.changed().stream().mapToLong(SeriesCount::updated).sum();
        return new IngestReport(
                source,
                "bars",
                l.read(),
                inserted,
                updated,
                l.staged() - inserted - updated,
                rejects.count(),
                rejects.written(),
                series,
                (System.nanoTime() - start) / 1_000_000);
    }

    private record Loaded(long read, long staged, List<SeriesCount> changed, SeriesRanges ranges) {}

    /** Rows a load inserted or updated. */
    private static long written(Loaded l) {
        return l.changed().stream().mapToLong(c -> c.inserted() + c.updated()).sum();
    }

    record SeriesCount(String ticker, Timeframe timeframe, long inserted, long updated) {}

    /**
     * Thrown when the direct COPY met a key stored concurrently or a ticker its prescan did not see; the caller loads
     * again through staging.
     */
    private static final class DirectLoadConflict extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DirectLoadConflict(Throwable cause) {
            super(cause);
        }
    }

    private Loaded load(
            SqlSession s,
            String source,
            Reader reader,
            IngestOptions opts,
            RejectsFile rejects,
            BarPrescan pre,
            LoadStage stage)
            throws SQLException {
        CsvReader csv = new CsvReader(reader, opts.limits().maxLineChars());
        stage.copying(csv);
        if (!csv.next(source)) {
            throw new InvalidInputException(
                    new Reject(1, "header", "", "empty file; expected a header such as " + BarCsvFormat.HEADER)
                            .describe(source));
        }
        BarCsvFormat format = BarCsvFormat.detect(source, csv.fields(), csv.line(), opts);
        String header = csv.line();
        Map<String, Long> known = Symbols.load(s);
        String given = format.givenTicker();
        if (given != null && !opts.createSymbols() && !known.containsKey(given)) {
            // the option names it, not a row: refused as a command naming an unknown ticker is, before any row
            throw new UnknownSymbolException(
                    given, "add it with " + opts.names().createSymbols());
        }
        boolean overlaps = false;
        if (pre != null && DirectLoad.eligible(pre, known, opts)) {
            // the locks in their order (LoadLocks): tickers, symbols and partitions, then bars
            LoadLocks.tickers(s, pre.tickers);
            DirectLoad.createKeys(s, pre, known, opts.assetClass());
            if (BarStageSql.noStoredRowsIn(s, pre.ranges)) {
                return loadDirect(s, source, csv, format, DirectLoad.lockSymbols(s, pre), opts, rejects, header);
            }
            overlaps = true; // known already: the staged rows go to the upsert without asking again
        }
        s.update(
                "ingest.bars.stage",
                "CREATE TEMP TABLE " + STAGE + " (line bigint, ticker text, timeframe text, ts timestamptz,"
                        + " open float8, high float8, low float8, close float8, volume float8) ON COMMIT DROP",
                SqlSession.Binder.NONE);
        Map<String, Long> ids = known;
        Stream st = s.timed(
                "ingest.bars.copy", c -> copy(s, source, csv, format, ids, opts, rejects, false), Stream::staged);
        if (st.read() == 0) {
            throw new InvalidInputException(
                    new Reject(1, "header", header, "no data rows after the header").describe(source));
        }
        long staged = st.staged();
        if (!st.ranges().strictlyIncreasing()) {
            stage.enter("duplicate check");
            staged -= BarStageSql.removeDuplicates(s, source, opts, rejects);
        }
        // the locks in their order (LoadLocks): tickers (held already when the direct load found stored rows), symbols
        // and partitions, then bars
        LoadLocks.tickers(s, st.ranges().tickers());
        Symbols.create(s, new ArrayList<>(st.newTickers()), opts.assetClass());
        stage.enter("partitions");
        Partitions.ensureMonths(s, "bars", st.months());
        stage.enter("upsert");
        List<SeriesCount> changed;
        if (staged == 0) {
            changed = List.of();
        } else if (!overlaps && staged == st.staged() && BarStageSql.noStoredRowsIn(s, st.ranges())) {
            changed = BarStageSql.insertFresh(s, st.ranges());
        } else {
            changed = BarStageSql.upsert(s);
        }
        return new Loaded(st.read(), staged, changed, st.ranges());
    }

    private Loaded loadDirect(
            SqlSession s,
            String source,
            CsvReader csv,
            BarCsvFormat format,
            Map<String, Long> known,
            IngestOptions opts,
            RejectsFile rejects,
            String header)
            throws SQLException {
        boolean suspended = DirectLoad.suspendTriggers(s);
        Stream st;
        try {
            st = s.timed(
                    "ingest.bars.copy-direct",
                    c -> copy(s, source, csv, format, known, opts, rejects, true),
                    Stream::staged);
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                throw new DirectLoadConflict(e);
            }
            throw e;
        }
        if (suspended) {
            DirectLoad.resumeTriggers(s);
        }
        if (st.read() == 0) {
            throw new InvalidInputException(
                    new Reject(1, "header", header, "no data rows after the header").describe(source));
        }
        return new Loaded(st.read(), st.staged(), BarStageSql.allInserted(st.ranges()), st.ranges());
    }

    private record Stream(long read, long staged, MonthSet months, Set<String> newTickers, SeriesRanges ranges) {}

    private Stream copy(
            SqlSession s,
            String source,
            CsvReader csv,
            BarCsvFormat format,
            Map<String, Long> known,
            IngestOptions opts,
            RejectsFile rejects,
            boolean direct)
            throws SQLException {
        CopyStream copy = direct
                ? CopyStream.open(
                        s, "ingest.bars.copy-direct", "bars (symbol_id, timeframe, ts, open, high, low, close, volume)")
                : CopyStream.open(
                        s,
                        "ingest.bars.copy",
                        STAGE + " (line, ticker, timeframe, ts, open, high, low, close, volume)");
        PgBinaryWriter w = copy.writer();
        BarRow row = new BarRow();
        Set<String> newTickers = new LinkedHashSet<>();
        SeriesRanges ranges = new SeriesRanges();
        long read = 0;
        MonthSet months = new MonthSet();
        try {
            while (csv.next(source)) {
                read++;
                if (read % IngestProgress.EVERY == 0) {
                    opts.progress().rowsRead(source, read);
                }
                Reject bad = format.parse(csv.lineNumber(), csv.line(), csv.fields(), row);
                if (bad == null) {
                    // not a bad row but a load asked wrongly: refused whole, even when skipping bad rows
                    format.requireGiven(source, csv.lineNumber(), row, opts.names());
                }
                if (bad == null && !known.containsKey(row.ticker)) {
                    if (direct) {
                        // only the prescan's tickers are locked for the set-based key check
                        throw new DirectLoadConflict(null);
                    }
                    if (opts.createSymbols()) {
                        newTickers.add(row.ticker);
                    } else {
                        bad = new Reject(
                                csv.lineNumber(),
                                "symbol",
                                row.ticker,
                                "unknown symbol; add it with " + opts.names().createSymbols());
                    }
                }
                if (bad != null) {
                    if (!opts.skipInvalid()) {
                        throw new InvalidInputException(source, bad);
                    }
                    rejects.add(bad);
                    continue;
                }
                months.add(row.tsMicros);
                ranges.add(row.ticker, row.timeframe, row.tsMicros);
                if (direct) {
                    w.startRow(8);
                    w.int8(known.get(row.ticker));
                } else {
                    w.startRow(9);
                    w.int8(csv.lineNumber());
                    w.text(row.ticker);
                }
                w.text(row.timeframe.code());
                w.timestamptz(row.tsMicros);
                w.float8(row.open);
                w.float8(row.high);
                w.float8(row.low);
                w.float8(row.close);
                w.float8(row.volume);
            }
            opts.progress().rowsRead(source, read);
            long staged = copy.finish();
            return new Stream(read, staged, months, newTickers, ranges);
        } catch (RuntimeException | SQLException e) {
            copy.cancel();
            throw e;
        }
    }
}
