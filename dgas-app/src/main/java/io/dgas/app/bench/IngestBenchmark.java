package io.dgas.app.bench;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.SqlSession;
import io.dgas.store.StatementObserver;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.ingest.IngestProgress;
import io.dgas.store.ingest.IngestReport;
import io.dgas.store.migrate.Migrator;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.postgresql.PGConnection;

/**
 * {@code dgas benchmark ingest}: generates a deterministic bars CSV, ingests it with dgas into a fresh database on the
 * current server, loads the same file with {@code psql \copy} (PgJDBC text COPY when psql is not on the PATH) into
 * two baseline tables ({@link Baseline}: one shaped and keyed like {@code bars}, one with a primary key only), and
 * prints the rates and the ratios. The database is dropped
 * afterwards. Not a timed test: figures depend on the machine.
 */
public final class IngestBenchmark {
    private final Database main;
    private final Consumer<String> info;
    private final IngestProgress progress;

    /**
     * @param main the server's database; fresh databases are created beside it and dropped afterwards
     * @param info hears what the benchmark is doing
     * @param progress hears the rows of the main dgas load
     */
    public IngestBenchmark(Database main, Consumer<String> info, IngestProgress progress) {
        this.main = main;
        this.info = info;
        this.progress = progress;
    }

    /**
     * Generates {@code rows} rows into {@code dir} (made when missing; null: a temporary directory, removed with the
     * file unless {@code keep}), loads them with dgas and the
     * baselines, and answers the figures; {@code monitorOverhead} adds four more loads (monitors off, on, on, off).
     */
    public Map<String, Object> run(long rows, Path dir, boolean keep, boolean monitorOverhead) throws Exception {
        Path where = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("dgas-bench");
        Path file = where.resolve("bench_bars_" + rows + ".csv");
        info.accept("generating " + file + " ...");
        long n = BenchFile.write(file, rows);
        String name = "dgas_bench_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis();
        main.update("bench.create-db", "CREATE DATABASE " + name, SqlSession.Binder.NONE);
        Map<String, Object> model = new LinkedHashMap<>();
        try {
            DatabaseSettings s = main.settings();
            DatabaseSettings bench = s.withUrl(urlFor(s.url(), name), s.user(), s.password());
            try (Database db = Database.open(bench, StatementObserver.NONE)) {
                new Migrator(db).migrate();
                settle(main);
                info.accept("dgas ingest of " + n + " rows ...");
                IngestReport r = new BarIngestor(db, IngestListener.NONE)
                        .ingest(
                                file,
                                IngestOptions.defaults().withCreateSymbols(true).withProgress(progress));
                double dgasRate = n * 1000.0 / Math.max(1, r.millis());
                model.put("rows", n);
                model.put("file_bytes", Files.size(file));
                model.put("dgas_ms", r.millis());
                model.put("dgas_rows_per_s", Math.round(dgasRate));
                model.put("dgas_inserted", r.inserted());
                for (Baseline b : Baseline.values()) {
                    info.accept("baseline: " + b.description + " ...");
                    b.create(db, n);
                    settle(main);
                    long start = System.nanoTime();
                    String method = psqlCopy(bench, name, b.table, file) ? "psql \\copy" : jdbcCopy(db, b.table, file);
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    long loaded = db.queryOne(
                                    "bench.baseline-count",
                                    "SELECT count(*) FROM " + b.table,
                                    SqlSession.Binder.NONE,
                                    rs -> rs.getLong(1))
                            .orElse(0L);
                    double rate = loaded * 1000.0 / Math.max(1, millis);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("method", method);
                    m.put("table", b.description);
                    m.put("ms", millis);
                    m.put("rows", loaded);
                    m.put("rows_per_s", Math.round(rate));
                    m.put("ratio_dgas_to_baseline", Math.round(dgasRate / rate * 100) / 100.0);
                    model.put("baseline_" + b.name().toLowerCase(Locale.ROOT), m);
                }
                model.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
                model.put("peak_heap_used_mb", peakHeapMb());
            }
            if (monitorOverhead) {
                // off, on, on, off: a drift of the server over the four loads (checkpoints, cache) hits both sides
                // alike
                long off = ingestRate(main, file, false);
                long on = ingestRate(main, file, true);
                on += ingestRate(main, file, true);
                off += ingestRate(main, file, false);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("rows_per_s_monitor_off", off / 2);
                m.put("rows_per_s_monitor_on", on / 2);
                m.put("overhead_percent", Math.round((off / (double) on - 1) * 1000) / 10.0);
                model.put("monitor_overhead", m);
            }
        } finally {
            main.update("bench.drop-db", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", SqlSession.Binder.NONE);
            if (!keep) {
                Files.deleteIfExists(file);
                if (dir == null) {
                    Files.deleteIfExists(where); // the temporary directory made for it, empty now
                }
            }
        }
        return model;
    }

    /**
     * The baseline tables {@code psql \copy} loads the same file into. {@code SAME_SHAPE} mirrors {@code bars} with
     * the file's columns: monthly partitions, the primary key, a foreign key to {@code symbols} (by ticker), the
     * {@code (interval, ts)} index and the same CHECK constraints, so both sides pay for the same guarantees.
     * {@code PLAIN} has the primary key only: the cheapest possible load, for reference.
     */
    enum Baseline {
        SAME_SHAPE("bench_same", "partitioned like bars, same keys, FK, index and checks"),
        PLAIN("bench_plain", "plain table, primary key only");

        final String table;
        final String description;

        Baseline(String table, String description) {
            this.table = table;
            this.description = description;
        }

        void create(Database db, long rows) {
            String cols = "ts timestamptz NOT NULL, symbol text NOT NULL, interval text NOT NULL, open float8 NOT NULL,"
                    + " high float8 NOT NULL, low float8 NOT NULL, close float8 NOT NULL, volume float8 NOT NULL,"
                    + " PRIMARY KEY (symbol, interval, ts)";
            if (this == PLAIN) {
                db.update("bench.plain", "CREATE TABLE " + table + " (" + cols + ")", SqlSession.Binder.NONE);
                return;
            }
            db.update(
                    "bench.same-shape",
                    "CREATE TABLE " + table + " (" + cols + ", FOREIGN KEY (symbol) REFERENCES symbols (ticker),"
                            + " CHECK (interval IN ('1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w')),"
                            + " CHECK (open > 0 AND open < 'Infinity' AND high > 0 AND high < 'Infinity' AND low > 0"
                            + " AND low < 'Infinity' AND close > 0 AND close < 'Infinity'),"
                            + " CHECK (high >= open AND high >= close AND high >= low),"
                            + " CHECK (low <= open AND low <= close), CHECK (volume >= 0 AND volume < 'Infinity'))"
                            + " PARTITION BY RANGE (ts)",
                    SqlSession.Binder.NONE);
            db.update("bench.same-index", "CREATE INDEX ON " + table + " (interval, ts)", SqlSession.Binder.NONE);
            long hours = rows / BenchFile.symbols(rows);
            java.time.LocalDate month = java.time.LocalDate.of(2023, 1, 1);
            java.time.LocalDate last = BenchFile.START
                    .plusSeconds(3600 * hours)
                    .atOffset(java.time.ZoneOffset.UTC)
                    .toLocalDate();
            for (int i = 0; !month.isAfter(last); i++, month = month.plusMonths(1)) {
                db.update(
                        "bench.same-partition",
                        "CREATE TABLE " + table + "_" + i + " PARTITION OF " + table + " FOR VALUES FROM ('" + month
                                + " 00:00:00+00') TO ('" + month.plusMonths(1) + " 00:00:00+00')",
                        SqlSession.Binder.NONE);
            }
        }
    }

    /** Writes out the previous load's dirty pages first, so no load pays for the checkpoint of another. */
    private static void settle(Database main) {
        main.update("bench.checkpoint", "CHECKPOINT", SqlSession.Binder.NONE);
    }

    /** Rows/s of a dgas ingest of {@code file} into a fresh database, with or without every monitor on. */
    private long ingestRate(Database main, Path file, boolean monitored) {
        String name = "dgas_bench_m" + (monitored ? 1 : 0) + "_"
                + ProcessHandle.current().pid();
        main.update("bench.create-db", "CREATE DATABASE " + name, SqlSession.Binder.NONE);
        try {
            DatabaseSettings s = main.settings();
            io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
            StatementObserver observer = monitored
                    ? new io.dgas.store.monitor.QueryMonitor(
                            registry,
                            java.time.Clock.systemUTC(),
                            java.time.Duration.ofMillis(500),
                            java.time.Duration.ofMinutes(5))
                    : StatementObserver.NONE;
            try (Database db = Database.open(
                    s.withUrl(urlFor(s.url(), name), s.user(), s.password()), observer, monitored ? registry : null)) {
                new Migrator(db).migrate();
                settle(main);
                info.accept("dgas ingest, monitoring " + (monitored ? "on" : "off") + " ...");
                IngestReport r = new BarIngestor(db, IngestListener.NONE)
                        .ingest(file, IngestOptions.defaults().withCreateSymbols(true));
                return Math.round(r.rowsRead() * 1000.0 / Math.max(1, r.millis()));
            }
        } finally {
            main.update("bench.drop-db", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", SqlSession.Binder.NONE);
        }
    }

    /** The server's JDBC URL with the database name replaced. */
    public static String urlFor(String url, String database) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    /** Runs psql's client-side COPY; false when psql is not available. */
    private boolean psqlCopy(DatabaseSettings s, String database, String table, Path file)
            throws IOException, InterruptedException {
        java.net.URI uri = java.net.URI.create(s.url().substring("jdbc:".length()));
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    params.put(
                            kv.substring(0, eq),
                            java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        String user = s.user() != null ? s.user() : params.getOrDefault("user", System.getProperty("user.name"));
        String password = s.password() != null ? s.password() : params.get("password");
        ProcessBuilder pb = new ProcessBuilder(
                "psql",
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                uri.getHost(),
                "-p",
                Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()),
                "-U",
                user,
                "-d",
                database,
                "-c",
                "\\copy " + table + " (ts, symbol, interval, open, high, low, close, volume) FROM '"
                        + file.toAbsolutePath().toString().replace("'", "''") + "' WITH (FORMAT csv, HEADER true)");
        if (password != null) {
            pb.environment().put("PGPASSWORD", password);
        }
        pb.redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException notOnPath) {
            return false;
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql \\copy failed: " + output.strip());
        }
        return true;
    }

    private static String jdbcCopy(Database db, String table, Path file) {
        return db.withSession(s -> s.timed(
                "bench.baseline-copy",
                c -> {
                    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                        c.unwrap(PGConnection.class)
                                .getCopyAPI()
                                .copyIn(
                                        "COPY " + table + " (ts, symbol, interval, open, high, low, close, volume)"
                                                + " FROM STDIN WITH (FORMAT csv, HEADER true)",
                                        r);
                    }
                    return "PgJDBC text COPY (psql not on PATH)";
                },
                x -> 0));
    }

    public static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
