package io.dgas.app.quality;

import io.dgas.app.gaps.DataGaps;
import io.dgas.app.schedule.ExchangeCalendar.Session;
import io.dgas.app.service.Page;
import io.dgas.app.stream.MarketHours;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.SeriesScan;
import io.dgas.store.bars.SymbolRepository;
import io.dgas.store.bars.UnknownSymbolException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The quality of a stored series beyond its gaps ({@link io.dgas.app.gaps.DataGaps}): bars stored at times the
 * symbol's market was closed (by its exchange calendar, {@link MarketHours}), price spikes, and runs of bars that did
 * not trade ({@link BarChecks}). Bars outside the market's hours are most often times read in the wrong zone (a file
 * of New York times loaded as UTC): when moving every bar by a whole number of hours would put nine in ten of them in
 * the market's hours, the report says by how much, so the file can be loaded again with {@code --timezone}.
 */
public final class DataChecks {
    private static final long DAY = 86_400;
    private static final long HOUR = 3_600;
    /** The shifts tried: every whole hour between the zones' extreme offsets (UTC−12 … UTC+14). */
    private static final int MAX_SHIFT_HOURS = 14;
    /** The end of an unbounded range (a bound JDBC can carry). */
    private static final Instant END_OF_TIME = Instant.parse("9999-01-01T00:00:00Z");

    /** Spike thresholds accepted, in robust standard deviations (default {@value #DEFAULT_SPIKE_SIGMA}). */
    public static final double MIN_SPIKE_SIGMA = 2;

    public static final double MAX_SPIKE_SIGMA = 1_000;
    public static final double DEFAULT_SPIKE_SIGMA = 10;
    /** Shortest flat run reported accepted (default {@value #DEFAULT_FLAT_BARS}). */
    public static final int MIN_FLAT_BARS = 2;

    public static final int MAX_FLAT_BARS = 1_000_000;
    public static final int DEFAULT_FLAT_BARS = 5;

    /** Series of one load checked for times in the wrong zone ({@link #zoneWarnings}), and the newest bars read. */
    static final int ZONE_CHECK_SERIES = 50;

    static final int ZONE_CHECK_BARS = 500;

    private final Database db;
    /** The calendars, asked for only when a check needs them (a load of daily bars or ticks never builds them). */
    private final Supplier<MarketHours> calendars;

    public DataChecks(Database db, Supplier<MarketHours> calendars) {
        this.db = db;
        this.calendars = calendars;
    }

    /**
     * What the checks found in one series.
     *
     * @param market the calendar judged by ({@link MarketHours#market})
     * @param outsideHours the bars outside the market's hours, null when it has no calendar here or without bars
     */
    public record Report(
            String symbol,
            String interval,
            String market,
            long bars,
            Instant first,
            Instant last,
            OutsideHours outsideHours,
            Spikes spikes,
            FlatRuns flatRuns) {}

    /**
     * Bars stored while the market was closed: how many, the first of them, and, when a shift by whole hours would put
     * nine in ten in its hours, that shift ({@code shiftHours}: add it to the stored times) and how many stay outside
     * after it (else both null).
     */
    public record OutsideHours(long count, List<Instant> first, Integer shiftHours, Long outsideAfterShift) {
        /** What the shift says, for people; null without one. */
        public String advice() {
            return shiftHours == null
                    ? null
                    : String.format(
                            Locale.ROOT,
                            "moved by %+d h all but %d would be in its hours: were the times read in the wrong zone?"
                                    + " (load the file again with --timezone)",
                            shiftHours,
                            outsideAfterShift);
        }
    }

    /**
     * Close-to-close returns beyond {@code threshold} robust standard deviations ({@code sigma}, of the log returns;
     * null with fewer than three bars).
     */
    public record Spikes(long count, Double sigma, double threshold, List<Spike> items) {}

    /** A spike: its bar, close, return in robust deviations (signed), and whether the next bar took it back. */
    public record Spike(Instant ts, double close, double sigmas, boolean reverted) {}

    /** Runs of at least {@code minBars} bars that did not trade (open = high = low = close, no volume). */
    public record FlatRuns(long count, int minBars, List<FlatRun> items) {}

    public record FlatRun(Instant from, Instant to, int bars) {}

    /**
     * Checks the active bars of {@code symbol} at {@code timeframe} with {@code from <= ts < to} (null: unbounded),
     * listing at most {@code limit} of each finding.
     *
     * @throws UnknownSymbolException when no symbol has that ticker
     */
    public Report check(
            String symbol, Timeframe timeframe, Instant from, Instant to, double spikeSigma, int flatBars, int limit) {
        String market = MarketHours.market(symbol, DataGaps.assetClass(db, symbol));
        BarColumns b = new BarRepository(db)
                .range(symbol, timeframe, from != null ? from : Instant.EPOCH, to != null ? to : END_OF_TIME);
        return report(b, market, spikeSigma, flatBars, limit);
    }

    private Report report(BarColumns b, String market, double spikeSigma, int flatBars, int limit) {
        int n = b.size();
        return new Report(
                b.symbol(),
                b.timeframe().code(),
                market,
                n,
                n == 0 ? null : Instant.ofEpochSecond(b.ts()[0]),
                n == 0 ? null : Instant.ofEpochSecond(b.ts()[n - 1]),
                n > 0 && calendars.get().covers(market)
                        ? outsideHours(b, b.timeframe().seconds(), market, limit)
                        : null,
                spikes(b, spikeSigma, limit),
                flatRuns(b, flatBars, limit));
    }

    /**
     * One series in a universe overview ({@link #universe}): how many of each finding {@link #check} would list.
     *
     * @param outsideHours bars outside the market's hours, null when its exchange has no calendar here
     * @param shiftHours the whole-hour shift that would put nine in ten in the market's hours, else null
     * @param findings the three counts summed (bars outside the hours counting 0 without a calendar)
     */
    public record SeriesCheck(
            String symbol,
            String market,
            long bars,
            Instant first,
            Instant last,
            Long outsideHours,
            Integer shiftHours,
            long spikes,
            long flatRuns,
            long findings) {}

    /**
     * Every active symbol's series at {@code timeframe} with bars in {@code [from, to)} (null: unbounded), checked as
     * {@link #check} does, the most findings first (then by ticker), the page at {@code offset} of {@code limit}: one
     * statement reads the timeframe's bars, one series held at a time.
     */
    public Page<SeriesCheck> universe(
            Timeframe timeframe, Instant from, Instant to, double spikeSigma, int flatBars, int limit, int offset) {
        List<SeriesCheck> all = new ArrayList<>();
        new SeriesScan(db).scan(timeframe, from, to, (assetClass, bars) -> {
            Report r = report(bars, MarketHours.market(bars.symbol(), assetClass), spikeSigma, flatBars, 0);
            OutsideHours o = r.outsideHours();
            long outside = o == null ? 0 : o.count();
            all.add(new SeriesCheck(
                    r.symbol(),
                    r.market(),
                    r.bars(),
                    r.first(),
                    r.last(),
                    o == null ? null : outside,
                    o == null ? null : o.shiftHours(),
                    r.spikes().count(),
                    r.flatRuns().count(),
                    outside + r.spikes().count() + r.flatRuns().count()));
        });
        all.sort(Comparator.comparingLong(SeriesCheck::findings).reversed().thenComparing(SeriesCheck::symbol));
        return Page.slice(all, limit, offset);
    }

    /**
     * Warnings for the intraday series among {@code series} ({@code SYMBOL/tf}, as a load names the series it changed;
     * the first {@value #ZONE_CHECK_SERIES} of them) whose newest {@value #ZONE_CHECK_BARS} bars fall outside their
     * market's hours half of the time or more while a shift by whole hours would put nine in ten in them: the mark of
     * a file's times read in the wrong zone, said while the file can still be loaded again with {@code --timezone}.
     * Other entries (daily bars, ticks, exchanges without a calendar) are passed over.
     */
    public List<String> zoneWarnings(List<String> series) {
        // the intraday series to check, by timeframe (a load names each series once)
        Map<Timeframe, List<String>> byTimeframe = new LinkedHashMap<>();
        List<String> checked = new ArrayList<>();
        for (String s : series) {
            int slash = s.lastIndexOf('/');
            String code = slash < 0 ? null : s.substring(slash + 1);
            Timeframe tf = Timeframe.isKnown(code) ? Timeframe.parse(code) : null;
            if (tf != null && tf.seconds() < DAY && checked.size() < ZONE_CHECK_SERIES) {
                checked.add(s);
                byTimeframe.computeIfAbsent(tf, k -> new ArrayList<>()).add(s.substring(0, slash));
            }
        }
        if (checked.isEmpty()) {
            return List.of();
        }
        // one query for the classes and one per timeframe for the newest bars, whatever the number of series
        Map<String, String> classes = new SymbolRepository(db)
                .assetClasses(
                        byTimeframe.values().stream().flatMap(List::stream).toList());
        Map<String, BarColumns> newest = new HashMap<>();
        byTimeframe.forEach((tf, symbols) -> new BarRepository(db)
                .lastForSymbols(symbols, tf, ZONE_CHECK_BARS)
                .forEach((symbol, bars) -> newest.put(symbol + "/" + tf.code(), bars)));
        List<String> out = new ArrayList<>();
        for (String s : checked) {
            BarColumns b = newest.get(s);
            String market = MarketHours.market(b.symbol(), classes.get(b.symbol()));
            if (!calendars.get().covers(market) || b.size() == 0) {
                continue;
            }
            OutsideHours o = outsideHours(b, b.timeframe().seconds(), market, 0);
            // a series around the clock judged by a session (a future stored as a stock) is no zone mistake: only a
            // shift that puts nine in ten in the market's hours says the times were read in the wrong zone
            if (o.count() * 2 >= b.size() && o.shiftHours() != null) {
                out.add(String.format(
                        Locale.ROOT,
                        "%d of the newest %d %s bars of %s fall outside the %s market's hours; %s; dgas data check"
                                + " --symbol %s --interval %s lists them",
                        o.count(),
                        b.size(),
                        b.timeframe().code(),
                        b.symbol(),
                        market,
                        o.advice(),
                        b.symbol(),
                        b.timeframe().code()));
            }
        }
        return out;
    }

    private OutsideHours outsideHours(BarColumns b, long step, String market, int limit) {
        long[] ts = b.ts();
        boolean daily = step >= DAY;
        // the sessions around the bars, wide enough for every shift tried
        long margin = daily ? DAY : MAX_SHIFT_HOURS * HOUR + DAY;
        Instant from = Instant.ofEpochSecond(ts[0] - margin);
        Instant to = Instant.ofEpochSecond(ts[ts.length - 1] + step + margin);
        MarketHours hours = calendars.get();
        List<Session> sessions = daily ? hours.tradingDays(market, from, to) : hours.sessions(market, from, to);
        long[] opens = new long[sessions.size()];
        long[] closes = new long[sessions.size()];
        for (int k = 0; k < opens.length; k++) {
            opens[k] = sessions.get(k).opens().getEpochSecond();
            closes[k] = sessions.get(k).closes().getEpochSecond();
        }
        BarChecks.Outside found = BarChecks.outside(ts, step, opens, closes, 0, limit);
        List<Instant> first = new ArrayList<>();
        for (int i : found.first()) {
            first.add(Instant.ofEpochSecond(ts[i]));
        }
        Integer shift = null;
        Long after = null;
        if (found.count() > 0 && !daily) {
            int best = found.count();
            for (int h = -MAX_SHIFT_HOURS; h <= MAX_SHIFT_HOURS; h++) {
                int c = h == 0
                        ? best
                        : BarChecks.outside(ts, step, opens, closes, h * HOUR, 0)
                                .count();
                if (c < best) {
                    best = c;
                    shift = h;
                }
            }
            if (shift != null && best * 10L <= ts.length) {
                after = (long) best;
            } else {
                shift = null;
            }
        }
        return new OutsideHours(found.count(), first, shift, after);
    }

    private static Spikes spikes(BarColumns b, double k, int limit) {
        BarChecks.Spikes s = BarChecks.spikes(b.close(), k);
        List<Spike> items = new ArrayList<>();
        for (BarChecks.Spike x : s.items().subList(0, Math.min(limit, s.items().size()))) {
            items.add(new Spike(
                    Instant.ofEpochSecond(b.ts()[x.index()]), b.close()[x.index()], x.sigmas(), x.reverted()));
        }
        return new Spikes(s.items().size(), Double.isNaN(s.sigma()) ? null : s.sigma(), k, items);
    }

    private static FlatRuns flatRuns(BarColumns b, int minBars, int limit) {
        List<BarChecks.FlatRun> runs = BarChecks.flatRuns(b.open(), b.high(), b.low(), b.close(), b.volume(), minBars);
        List<FlatRun> items = new ArrayList<>();
        for (BarChecks.FlatRun r : runs.subList(0, Math.min(limit, runs.size()))) {
            items.add(new FlatRun(
                    Instant.ofEpochSecond(b.ts()[r.from()]), Instant.ofEpochSecond(b.ts()[r.to()]), r.bars()));
        }
        return new FlatRuns(runs.size(), minBars, items);
    }
}
