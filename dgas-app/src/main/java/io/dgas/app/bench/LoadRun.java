package io.dgas.app.bench;

import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.cache.QueryCache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop clients that each pick a symbol by a Zipfian law (a few symbols far more often than the rest, as on a
 * real dashboard) and time one unit of work: the raw bar query, or the market page's three HTTP requests. Latencies
 * go into HdrHistograms (3 significant digits), merged over the clients. The clients run in this process, on the
 * server's cores: what they cost is kept small ({@link EventLoopLoad}) but not nothing.
 */
final class LoadRun {
    static final String RAW = "raw bar query";
    /** The analysis endpoint's computing in process (reads from memory, calculations uncached), at N threads. */
    static final String IN_PROCESS = "analysis in process";

    static final String UNCACHED = "http, caches off";
    static final String CACHED = "http, caches on";
    static final String REVALIDATED = "http, caches on, If-None-Match";
    /** Rounds over every symbol's page before a cached measurement (a few thousand requests). */
    static final int WARM_ROUNDS = 10;
    /** Event-loop threads driving the HTTP clients: one, as wrk on a machine whose cores the server needs. */
    static final int LOOPS = 1;

    /**
     * The header lines Chromium sends with the market page's {@code fetch} of the analysis (captured from headless
     * Chromium 156 and its {@code Accept} from {@code common.js}), after {@code Host}: among them
     * {@code Accept-Encoding}, so the server answers as it answers a browser, gzip included.
     */
    static String browserHeaders(int port) {
        return "Connection: keep-alive\r\n"
                + "sec-ch-ua-platform: \"Linux\"\r\n"
                + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/156.0.0.0 Safari/537.36\r\n"
                + "Accept: application/json\r\n"
                + "sec-ch-ua: \"Not:A-Brand\";v=\"8\", \"Chromium\";v=\"156\"\r\n"
                + "sec-ch-ua-mobile: ?0\r\n"
                + "Sec-Fetch-Site: same-origin\r\n"
                + "Sec-Fetch-Mode: cors\r\n"
                + "Sec-Fetch-Dest: empty\r\n"
                + "Referer: http://127.0.0.1:" + port + "/\r\n"
                + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
                + "Accept-Language: en-US,en;q=0.9\r\n";
    }

    private final List<String> tickers;
    private final int last;
    private final double[] zipf;
    private final Consumer<String> info;

    LoadRun(List<String> tickers, int last, Consumer<String> info) {
        this.tickers = tickers;
        this.last = last;
        this.zipf = zipf(tickers.size());
        this.info = info;
    }

    /** The newest {@code last} 1h bars of a symbol straight from the repository, on a pool without any layer. */
    Map<String, Object> raw(BarRepository repo, int clients, int total) {
        for (String t : tickers) {
            repo.last(t, Timeframe.H1, last); // JIT and the server's buffers warm
        }
        PageRequest query = (k, hs) -> {
            long t0 = System.nanoTime();
            repo.last(tickers.get(k), Timeframe.H1, last);
            hs[0].recordValue(System.nanoTime() - t0);
            return 1;
        };
        drive(clients, total, query); // the measured loop once unmeasured, as for every row (see http)
        return row(RAW, clients, drive(clients, total, query), 0);
    }

    /**
     * The analysis endpoint's computing in process at {@code clients} threads, the same Zipfian symbols as the HTTP
     * clients: on 2 cores N threads queue for the CPU as N HTTP clients' analyses do, so this is the like-for-like
     * share of the uncached HTTP figure at N clients. {@code analyze} must take its reads from memory and cache no
     * calculation; every symbol is analysed once first (reads filled), then the measured loop runs once unmeasured (JIT warm).
     */
    Map<String, Object> inProcess(Consumer<String> analyze, int clients, int total) {
        tickers.forEach(analyze);
        PageRequest analysis = (k, hs) -> {
            long t0 = System.nanoTime();
            analyze.accept(tickers.get(k));
            long nanos = System.nanoTime() - t0;
            hs[0].recordValue(nanos);
            hs[1].recordValue(nanos);
            return 1;
        };
        drive(clients, total, analysis); // the measured loop once unmeasured, as for every row (see http)
        Measured h = drive(clients, total, analysis);
        Map<String, Object> row = row(IN_PROCESS, clients, h, 0);
        info.accept(row.toString());
        return row;
    }

    /**
     * The market page over HTTP: {@code /api/v1/analysis/S}, {@code /api/v1/bars/S} and {@code /api/v1/signals?symbol=S}
     * on the server at {@code port}, each client a browser tab on its own kept-alive connection, the tabs driven by
     * an event loop ({@link EventLoopLoad}) and sending the headers the market page's {@code fetch} sends
     * ({@link #browserHeaders}); {@code cache} (null when off) gives the hit rate of the measured requests. With
     * {@code revalidate} a tab sends the ETag it last got for a URL in {@code If-None-Match}, as a browser does, and
     * an unchanged answer is a 304.
     */
    Map<String, Object> http(int port, QueryCache cache, int clients, int total, boolean revalidate) {
        String[][] pages = new String[tickers.size()][];
        for (int k = 0; k < pages.length; k++) {
            String s = tickers.get(k);
            pages[k] = new String[] {
                "/api/v1/analysis/" + s + "?interval=1h&last=" + last,
                "/api/v1/bars/" + s + "?interval=1h&last=" + last,
                "/api/v1/signals?symbol=" + s + "&limit=20"
            };
        }
        try (EventLoopLoad load = new EventLoopLoad("127.0.0.1", port, pages, browserHeaders(port), clients, LOOPS)) {
            // steady state before the clock: every symbol's page (caches filled) on one tab, and with caches on,
            // where a page is cheap, as many rounds as the JIT needs to have compiled the path being measured
            int warm = (cache == null ? 1 : WARM_ROUNDS) * pages.length;
            int[] next = {0};
            load.run(1, t -> next[0] < warm ? next[0]++ % pages.length : -1, revalidate);
            // and the measured loop itself once, unmeasured: at N clients other paths run hot (contended locks, N
            // connections' buffers) than on one, and without this the JIT was still compiling them (C2 was a fifth
            // of the process's CPU) through a short measured run. Every row, baselines included, is measured so, in
            // its steady state: a cold uncached run of 600 requests cost 1.3 to 2 times the CPU per request of a long
            // one
            load.run(clients, zipfPages(clients, total), revalidate);
            long[] before = cache == null ? new long[2] : ApiBenchmark.hitsAndLookups(cache);
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            EventLoopLoad.Result r = load.run(clients, zipfPages(clients, total), revalidate);
            r.h()[0].setStartTimeStamp(0);
            r.h()[0].setEndTimeStamp((System.nanoTime() - start) / 1_000_000);
            Measured h = new Measured(r.h(), processCpuNanos() - cpu, r.clientCpuNanos());
            String read = cache == null ? UNCACHED : revalidate ? REVALIDATED : CACHED;
            Map<String, Object> row = row(read, clients, h, r.errors());
            if (cache != null) {
                long[] after = ApiBenchmark.hitsAndLookups(cache);
                long lookups = after[1] - before[1];
                row.put(
                        "hit_rate",
                        String.format(
                                Locale.ROOT, "%.3f", lookups == 0 ? 0 : (double) (after[0] - before[0]) / lookups));
            }
            row.put("not_modified", r.notModified());
            info.accept(row.toString());
            return row;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot open the benchmark's event loop: " + e.getMessage(), e);
        }
    }

    /**
     * Each tab's pages by the Zipfian law, from a random stream of its own (seeded by its index, so runs repeat),
     * until {@code total} requests are given out (whole pages of 3).
     */
    private EventLoopLoad.Pages zipfPages(int clients, int total) {
        SplittableRandom[] random = new SplittableRandom[clients];
        for (int t = 0; t < clients; t++) {
            random[t] = new SplittableRandom(100 + t);
        }
        AtomicLong given = new AtomicLong();
        return t -> given.getAndAdd(3) < total ? pick(zipf, random[t].nextDouble()) : -1;
    }

    /** One unit of work for symbol rank {@code k}: records into {@code hs}, answers how many requests it made. */
    @FunctionalInterface
    private interface PageRequest {
        int run(int k, Histogram[] hs);
    }

    /** Merged histograms (all requests, then per kind) and the CPU time this process spent meanwhile. */
    record Measured(Histogram[] h, long cpuNanos, long clientCpuNanos) {}

    /** {@code clients} threads, each with its own random stream and histograms, until {@code total} requests. */
    private Measured drive(int clients, int total, PageRequest work) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong done = new AtomicLong();
        List<Future<Histogram[]>> fs = new ArrayList<>();
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        try {
            for (int t = 0; t < clients; t++) {
                int seed = 100 + t;
                fs.add(pool.submit(() -> {
                    Histogram[] hs = {new Histogram(3), new Histogram(3), new Histogram(3), new Histogram(3)};
                    SplittableRandom r = new SplittableRandom(seed);
                    while (done.get() < total) {
                        done.addAndGet(work.run(pick(zipf, r.nextDouble()), hs));
                    }
                    return hs;
                }));
            }
            Histogram[] merged = {new Histogram(3), new Histogram(3), new Histogram(3), new Histogram(3)};
            for (Future<Histogram[]> f : fs) {
                Histogram[] hs = f.get();
                for (int i = 0; i < merged.length; i++) {
                    merged[i].add(hs[i]);
                }
            }
            merged[0].setStartTimeStamp(0);
            merged[0].setEndTimeStamp((System.nanoTime() - start) / 1_000_000);
            return new Measured(merged, processCpuNanos() - cpu, 0);
        } catch (Exception e) {
            throw new IllegalStateException("benchmark client failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** CPU time of this process so far (server and clients; not the database's), or 0 where the JVM cannot tell. */
    static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime())
                : 0;
    }

    /**
     * {@code {read, clients, requests, p50_ms, p95_ms, p99_ms, analysis_p95_ms, requests_per_s, cpu_us_per_request,
     * hit_rate, not_modified, errors}}: {@code cpu_us_per_request} is this process's CPU time (server and clients, not
     * the database's) per request, what a closed loop's latency comes down to once the cores are busy.
     */
    static Map<String, Object> row(String read, int clients, Measured run, long errors) {
        Histogram[] h = run.h();
        Histogram all = h[0];
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", read);
        m.put("clients", clients);
        m.put("requests", all.getTotalCount());
        m.put("p50_ms", ms(all.getValueAtPercentile(50)));
        m.put("p95_ms", ms(all.getValueAtPercentile(95)));
        m.put("p99_ms", ms(all.getValueAtPercentile(99)));
        m.put("analysis_p95_ms", h[1].getTotalCount() == 0 ? "-" : ms(h[1].getValueAtPercentile(95)));
        double seconds = Math.max(1, all.getEndTimeStamp()) / 1000.0;
        m.put("requests_per_s", Math.round(all.getTotalCount() / seconds));
        m.put("cpu_us_per_request", Math.round(run.cpuNanos() / 1e3 / Math.max(1, all.getTotalCount())));
        m.put(
                "client_cpu_us_per_request",
                run.clientCpuNanos() == 0
                        ? "-"
                        : Math.round(run.clientCpuNanos() / 1e3 / Math.max(1, all.getTotalCount())));
        m.put("hit_rate", "-");
        m.put("not_modified", "-");
        m.put("errors", errors);
        return m;
    }

    /** Cumulative Zipf (s = 1) probabilities over ranks 1..n. */
    static double[] zipf(int n) {
        double[] cum = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += 1.0 / k;
            cum[k - 1] = sum;
        }
        for (int k = 0; k < n; k++) {
            cum[k] /= sum;
        }
        return cum;
    }

    static int pick(double[] cum, double u) {
        int i = Arrays.binarySearch(cum, u);
        return Math.min(cum.length - 1, i >= 0 ? i : -i - 1);
    }

    /** Nanoseconds as milliseconds with two decimals. */
    static double ms(double nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
