package io.dgas.store.ingest;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import io.dgas.store.bars.UnknownSymbolException;
import io.dgas.store.events.BarsEvents;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.partition.MonthSet;
import io.dgas.store.partition.Partitions;
import java.io.Reader;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Loads the ticks of one symbol: stream a CSV, validate in Java, binary-COPY into a temporary staging table, one
 * set-based upsert into {@code ticks}, in one transaction. Same contract as {@link BarIngestor} (all-or-nothing unless
 * skip-invalid, idempotent, soft-deleted ticks restored, partitions first, bounded memory). Ticks sharing a timestamp
 * are numbered {@code seq} 0, 1, … in file order, so a file must be in time order (a line earlier than its
 * predecessor is rejected) for re-ingest to be idempotent. Ticks change no bar series until aggregated, so the
 * listener is not told; aggregation tells it. A load that changed ticks announces a {@code bars} event of timeframe
 * {@link BarsEvents#TICKS} in its committing transaction.
 */
public final class TickIngestor {
    private static final String STAGE = "dgas_stage_ticks";

    private final IngestTransaction tx;
    private final EventPublisher events;

    /** An ingestor that waits at most 30 s for a lock ({@link #withLockTimeout}) and announces what it changed. */
    public TickIngestor(Database db) {
        this(new IngestTransaction(db, IngestTransaction.DEFAULT_LOCK_TIMEOUT), EventPublisher.postgres(db));
    }

    private TickIngestor(IngestTransaction tx, EventPublisher events) {
        this.tx = tx;
        this.events = events;
    }

    /** The same ingestor with another lock timeout (positive): a load waits no longer for another session's lock. */
    public TickIngestor withLockTimeout(Duration lockTimeout) {
        return new TickIngestor(new IngestTransaction(tx.database(), lockTimeout), events);
    }

    /** The same ingestor announcing through {@code publisher} ({@link EventPublisher#NONE}: not at all). */
    public TickIngestor withEvents(EventPublisher publisher) {
        return new TickIngestor(tx, publisher);
    }

    /** Ingests one file; a load that meets a deadlock with a concurrent writer runs again from the start. */
    public IngestReport ingest(Path file, IngestOptions opts) {
        return tx.retrying(
                file.getFileName().toString(),
                opts.progress(),
                true,
                () -> InputFiles.read(file, opts, (name, reader, rejects) -> load(name, reader, rejects, opts)));
    }

    /**
     * Ingests ticks of {@code opts.symbol()} from a character stream named {@code source} in messages; only a
     * {@link java.io.StringReader} is read again to retry after a deadlock.
     */
    public IngestReport ingest(String source, Reader reader, Path rejectsPath, IngestOptions opts) {
        return tx.retrying(
                source,
                opts.progress(),
                Rereading.start(reader),
                () -> load(source, Rereading.again(reader), rejectsPath, opts));
    }

    private IngestReport load(String source, Reader reader, Path rejectsPath, IngestOptions opts) {
        OptionNames n = opts.names();
        if (opts.symbol() == null || opts.symbol().isBlank()) {
            throw new InvalidInputException(
                    n.symbol(), null, "ticks need a symbol: give " + n.symbol(), List.of("the ticker of the ticks"));
        }
        String ticker = opts.symbol().trim().toUpperCase(Locale.ROOT);
        if (!Fields.TICKER.matcher(ticker).matches()) {
            throw BarCsvFormat.badTicker(n, ticker);
        }
        long start = System.nanoTime();
        LoadStage stage = new LoadStage();
        try (RejectsFile rejects = new RejectsFile(rejectsPath)) {
            long[] r;
            try {
                r = tx.run(source, opts.progress(), done -> done[2] + done[3], s -> {
                    long[] done = load(s, source, reader, ticker, opts, rejects, stage);
                    if (done[2] + done[3] > 0) {
                        new BarsEvents()
                                .add(ticker, BarsEvents.TICKS, done[2] + done[3])
                                .announce(s, events);
                    }
                    stage.enter(LoadStage.COMMIT);
                    return done;
                });
            } catch (RuntimeException e) {
                throw stage.translate(source, e);
            }
            return new IngestReport(
                    source,
                    "ticks",
                    r[0],
                    r[2],
                    r[3],
                    r[1] - r[2] - r[3],
                    rejects.count(),
                    rejects.written(),
                    List.of(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Returns {read, staged, inserted, updated}. */
    private long[] load(
            SqlSession s,
            String source,
            Reader reader,
            String ticker,
            IngestOptions opts,
            RejectsFile rj,
            LoadStage stage)
            throws SQLException {
        CsvReader csv = new CsvReader(reader, opts.limits().maxLineChars());
        stage.copying(csv);
        if (!csv.next(source)) {
            throw new InvalidInputException(
                    new Reject(1, "header", "", "empty file; expected a header such as " + TickCsvFormat.HEADER)
                            .describe(source));
        }
        TickCsvFormat format = TickCsvFormat.detect(source, csv.fields(), csv.line(), opts);
        String header = csv.line();
        Long symbolId = Symbols.resolve(s, ticker, opts.createSymbols(), opts.assetClass());
        if (symbolId == null) {
            throw new UnknownSymbolException(
                    ticker, "add it with " + opts.names().createSymbols());
        }
        s.update(
                "ingest.ticks.stage",
                "CREATE TEMP TABLE " + STAGE + " (ts timestamptz, seq integer, price float8, size float8, bid float8,"
                        + " ask float8, bid_size float8, ask_size float8) ON COMMIT DROP",
                SqlSession.Binder.NONE);
        MonthSet months = new MonthSet();
        long[] st = s.timed("ingest.ticks.copy", c -> copy(s, source, csv, format, opts, rj, months), a -> a[1]);
        if (st[0] == 0) {
            throw new InvalidInputException(
                    new Reject(1, "header", header, "no data rows after the header").describe(source));
        }
        if (st[1] == 0) {
            return new long[] {st[0], 0, 0, 0};
        }
        stage.enter("partitions");
        Partitions.ensureMonths(s, "ticks", months);
        stage.enter("upsert");
        long[] counts = s.queryOne(
                        "ingest.ticks.upsert",
                        "WITH up AS (INSERT INTO ticks AS t (symbol_id, ts, seq, price, size, bid, ask, bid_size,"
                                + " ask_size, updated_at) SELECT ?, ts, seq, price, size, bid, ask, bid_size, ask_size,"
                                + " now() FROM " + STAGE
                                + " ORDER BY ts, seq" // rows locked in key order: concurrent loads wait, not deadlock
                                + " ON CONFLICT (symbol_id, ts, seq) DO UPDATE SET price = EXCLUDED.price,"
                                + " size = EXCLUDED.size, bid = EXCLUDED.bid, ask = EXCLUDED.ask,"
                                + " bid_size = EXCLUDED.bid_size, ask_size = EXCLUDED.ask_size,"
                                + " updated_at = clock_timestamp(), deleted_at = NULL"
                                + " WHERE (t.price, t.size, t.bid, t.ask, t.bid_size, t.ask_size, t.deleted_at)"
                                + " IS DISTINCT FROM (EXCLUDED.price, EXCLUDED.size, EXCLUDED.bid, EXCLUDED.ask,"
                                + " EXCLUDED.bid_size, EXCLUDED.ask_size, NULL::timestamptz)"
                                + " RETURNING (t.updated_at = now()) AS inserted)"
                                + " SELECT count(*) FILTER (WHERE inserted),"
                                + " count(*) FILTER (WHERE NOT inserted) FROM up",
                        ps -> ps.setLong(1, symbolId),
                        rs -> new long[] {rs.getLong(1), rs.getLong(2)})
                .orElseThrow();
        s.update(
                "ingest.ticks.last-price",
                "UPDATE symbols y SET last_tick_at = x.ts, last_price = x.price, updated_at = now() FROM (SELECT ts,"
                        + " price FROM " + STAGE + " ORDER BY ts DESC, seq DESC LIMIT 1) x WHERE y.id = ?"
                        + " AND (y.last_tick_at IS NULL OR y.last_tick_at <= x.ts)",
                ps -> ps.setLong(1, symbolId));
        return new long[] {st[0], st[1], counts[0], counts[1]};
    }

    /** Streams the ticks into staging, adding their months to {@code months}; returns {read, staged}. */
    private long[] copy(
            SqlSession s,
            String source,
            CsvReader csv,
            TickCsvFormat format,
            IngestOptions opts,
            RejectsFile rj,
            MonthSet months)
            throws SQLException {
        CopyStream copy = CopyStream.open(
                s, "ingest.ticks.copy", STAGE + " (ts, seq, price, size, bid, ask, bid_size, ask_size)");
        PgBinaryWriter w = copy.writer();
        TickRow row = new TickRow();
        long read = 0;
        long prevTs = Long.MIN_VALUE;
        long prevLine = 0;
        int seq = 0;
        try {
            while (csv.next(source)) {
                read++;
                if (read % IngestProgress.EVERY == 0) {
                    opts.progress().rowsRead(source, read);
                }
                Reject bad = format.parse(csv.lineNumber(), csv.line(), csv.fields(), row);
                if (bad == null && row.tsMicros < prevTs) {
                    bad = new Reject(
                            csv.lineNumber(),
                            format.timestampName(),
                            format.timestampText(csv.fields()),
                            "ticks must be in time order; earlier than line " + prevLine);
                }
                if (bad != null) {
                    if (!opts.skipInvalid()) {
                        throw new InvalidInputException(source, bad);
                    }
                    rj.add(bad);
                    continue;
                }
                seq = row.tsMicros == prevTs ? seq + 1 : 0;
                prevTs = row.tsMicros;
                prevLine = csv.lineNumber();
                months.add(row.tsMicros);
                w.startRow(8);
                w.timestamptz(row.tsMicros);
                w.int4(seq);
                w.float8(row.price);
                w.float8(row.size);
                for (double q : row.quote) {
                    if (Double.isNaN(q)) {
                        w.nullValue();
                    } else {
                        w.float8(q);
                    }
                }
            }
            opts.progress().rowsRead(source, read);
            return new long[] {read, copy.finish()};
        } catch (RuntimeException | SQLException e) {
            copy.cancel();
            throw e;
        }
    }
}
