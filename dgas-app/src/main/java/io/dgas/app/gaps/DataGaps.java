package io.dgas.app.gaps;

import io.dgas.app.schedule.ExchangeCalendar.Session;
import io.dgas.app.service.BadInputException;
import io.dgas.app.service.Page;
import io.dgas.app.stream.MarketHours;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.bars.SeriesJumps;
import io.dgas.store.bars.SymbolRepository;
import io.dgas.store.bars.UnknownSymbolException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bars missing from a stored series: between each two consecutive stored bars further apart than the timeframe, the
 * bar intervals in which the symbol's market was open (its exchange calendar, {@link MarketHours}: crypto around the
 * clock, forex the foreign-exchange week, the tickers of London, Xetra, Euronext, SIX, Toronto, the ASX and Hong
 * Kong their exchanges' sessions, others the US equities session, each with its holidays and early closes; a ticker of an
 * exchange without a calendar here is not judged); a daily or longer bar is expected on the market's trading days
 * ({@link MarketHours#tradingDays}). A night, a weekend or a holiday so is no gap; a missing hour of a trading day, or
 * a missing day of a 24/7 market, is. Only the stretch between the first and the last stored bar of the range is judged
 * (the time before the first bar and since the last is the collect stage's to fill).
 *
 * <p>Design notes: a skip from bar a to bar b holds the slots a + k × step, 1 ≤ k ≤ K (the last before b); a slot
 * [s, s + step) meets a session [o, c) iff o − step &lt; s &lt; c, so each session met gives the slot numbers
 * ⌊(o − a) / step⌋ … ⌈(c − a) / step⌉ − 1, clamped to 1 … K, and the missing bars are the union of those ranges
 * (sessions come in time order, so the ranges are merged as they come: a daily or weekly slot meets several). The
 * cost is one step per session in the skip, not one per slot: a minute series across ten years of nights is a few
 * thousand sessions, not millions of slots. The bars are read once, in one statement (the one series, or every
 * symbol's), as a stream of a row per series and per skip ({@link SeriesJumps}).
 */
public final class DataGaps {
    private static final long DAY = 86_400;
    private final Database db;
    private final MarketHours hours;

    public DataGaps(Database db, MarketHours hours) {
        this.db = db;
        this.hours = hours;
    }

    /** A run of missing bars inside one skip: the first and the last missing bar's open time, and how many. */
    public record Gap(Instant from, Instant to, long missing) {}

    /**
     * The gaps of one series.
     *
     * @param market the calendar judged by ({@link MarketHours#market}: {@code crypto}, {@code forex}, {@code lse},
     *     {@code us-equities}, …)
     * @param bars active bars stored in the range
     * @param first the first stored bar of the range (null without bars)
     * @param last the last stored bar of the range (null without bars)
     * @param missing bars missing in all gaps
     * @param coverage stored bars over stored plus missing (1 without bars)
     * @param gaps the requested page of gaps, oldest first; {@code total} is the number of gaps
     */
    public record Report(
            String symbol,
            String interval,
            String market,
            long bars,
            Instant first,
            Instant last,
            long missing,
            double coverage,
            Page<Gap> gaps) {}

    /**
     * The gaps of {@code symbol} at {@code timeframe} between its stored bars with {@code from <= ts < to} (either bound
     * null: unbounded), the page at {@code offset} of {@code limit} gaps.
     *
     * @throws io.dgas.store.bars.UnknownSymbolException when no symbol has that ticker
     * @throws BadInputException when its exchange has no calendar here ({@link #requireCalendar})
     */
    public Report find(String symbol, Timeframe timeframe, Instant from, Instant to, int limit, int offset) {
        Tally tally = new Tally(timeframe.seconds(), requireCalendar(symbol, assetClass(db, symbol)), limit, offset);
        new SeriesJumps(db).scan(symbol, timeframe, from, to, tally::accept);
        SeriesJumps.Extent e = tally.extent != null ? tally.extent : new SeriesJumps.Extent(0, null, null);
        return new Report(
                symbol,
                timeframe.code(),
                tally.market,
                e.bars(),
                e.first(),
                e.last(),
                tally.missing,
                tally.coverage(),
                Page.counted(tally.page, limit, offset, tally.gaps));
    }

    /**
     * The stored asset class of {@code symbol} (a soft-deleted symbol's too: its bars are still stored).
     *
     * @throws UnknownSymbolException when no symbol has that ticker
     */
    public static String assetClass(Database db, String symbol) {
        String assetClass =
                new SymbolRepository(db).assetClasses(List.of(symbol)).get(symbol);
        if (assetClass == null) {
            throw new UnknownSymbolException(symbol);
        }
        return assetClass;
    }

    /**
     * The market of {@code symbol} ({@link MarketHours#market}), whose calendar judges its gaps.
     *
     * @throws BadInputException naming the symbol when its exchange has no calendar here
     */
    public String requireCalendar(String symbol, String assetClass) {
        String market = MarketHours.market(symbol, assetClass);
        if (!hours.covers(market)) {
            String code = MarketHours.exchange(symbol);
            throw new BadInputException(
                    "symbol",
                    symbol,
                    "no exchange calendar for " + symbol + " (exchange " + code + "): its missing bars cannot be told"
                            + " from the hours its market was closed; calendars: crypto, forex and the exchanges "
                            + String.join(", ", hours.exchanges())
                            + " (a calendar of your own: calendars.dir)",
                    hours.exchanges());
        }
        return market;
    }

    /**
     * One series' gaps in a universe overview; {@code missing}, {@code gaps} and {@code coverage} are null when its
     * exchange has no calendar here ({@link MarketHours#covers}).
     *
     * @param gaps how many gaps
     * @param coverage stored bars over stored plus missing
     */
    public record SeriesGaps(
            String symbol,
            String market,
            long bars,
            Instant first,
            Instant last,
            Long missing,
            Long gaps,
            Double coverage) {}

    /**
     * Every active symbol's series at {@code timeframe} with bars in {@code [from, to)}, the most bars missing first
     * (then by ticker), the page at {@code offset} of {@code limit}: one pass over the timeframe's bars.
     */
    public Page<SeriesGaps> universe(Timeframe timeframe, Instant from, Instant to, int limit, int offset) {
        Map<String, Tally> series = new LinkedHashMap<>();
        new SeriesJumps(db)
                .scan(
                        null,
                        timeframe,
                        from,
                        to,
                        step -> series.computeIfAbsent(
                                        step.symbol(),
                                        k -> new Tally(
                                                timeframe.seconds(), MarketHours.market(k, step.assetClass()), 0, 0))
                                .accept(step));
        List<SeriesGaps> all = new ArrayList<>(series.size());
        series.forEach((symbol, t) -> {
            boolean judged = hours.covers(t.market);
            all.add(new SeriesGaps(
                    symbol,
                    t.market,
                    t.extent.bars(),
                    t.extent.first(),
                    t.extent.last(),
                    judged ? t.missing : null,
                    judged ? t.gaps : null,
                    judged ? t.coverage() : null));
        });
        // the most missing first, the series no calendar judges last
        all.sort(Comparator.comparing(SeriesGaps::missing, Comparator.nullsFirst(Comparator.<Long>naturalOrder()))
                .reversed()
                .thenComparing(SeriesGaps::symbol));
        return Page.slice(all, limit, offset);
    }

    /**
     * The bars missing between two consecutive stored bars {@code step} seconds apart at best (see the class notes),
     * as a gap from the first to the last missing bar; null when none is.
     */
    private Gap missing(SeriesJumps.Jump j, long step, String market) {
        long a = j.before().getEpochSecond();
        long slots = Math.floorDiv(j.after().getEpochSecond() - a + step - 1, step) - 1;
        if (slots < 1) {
            return null;
        }
        long firstK = 0;
        long lastK = 0;
        long count = 0;
        Instant from = Instant.ofEpochSecond(a + step);
        Instant to = Instant.ofEpochSecond(a + (slots + 1) * step);
        // a daily or longer bar is expected on the market's trading days, an intraday bar in its sessions' hours
        List<Session> sessions = step >= DAY ? hours.tradingDays(market, from, to) : hours.sessions(market, from, to);
        for (Session s : sessions) {
            long lo = Math.max(1, Math.floorDiv(s.opens().getEpochSecond() - a, step));
            long hi = Math.min(slots, Math.floorDiv(s.closes().getEpochSecond() - a + step - 1, step) - 1);
            if (lo > hi) {
                continue;
            }
            if (count == 0) {
                firstK = lo;
            } else {
                lo = Math.max(lo, lastK + 1); // ranges come in order: count what the last did not
            }
            if (lo <= hi) {
                count += hi - lo + 1;
                lastK = hi;
            }
        }
        return count == 0
                ? null
                : new Gap(Instant.ofEpochSecond(a + firstK * step), Instant.ofEpochSecond(a + lastK * step), count);
    }

    /** One series as its steps come: its extent, its gaps and missing bars, and the page of gaps asked for. */
    private final class Tally {
        private final long step;
        private final String market;
        private final int limit;
        private final int offset;
        private final List<Gap> page = new ArrayList<>();
        private SeriesJumps.Extent extent;
        private long gaps;
        private long missing;

        Tally(long step, String market, int limit, int offset) {
            this.step = step;
            this.market = market;
            this.limit = limit;
            this.offset = offset;
        }

        void accept(SeriesJumps.Step s) {
            if (s.extent() != null) {
                extent = s.extent();
            }
            Gap g = s.jump() == null || !hours.covers(market) ? null : missing(s.jump(), step, market);
            if (g == null) {
                return;
            }
            if (gaps >= offset && page.size() < limit) {
                page.add(g);
            }
            gaps++;
            missing += g.missing();
        }

        /** Stored bars over stored plus missing (1 without bars). */
        double coverage() {
            return extent == null ? 1.0 : (double) extent.bars() / (extent.bars() + missing);
        }
    }
}
