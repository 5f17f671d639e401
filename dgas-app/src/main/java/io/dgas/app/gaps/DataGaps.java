package io.dgas.app.gaps;

import io.dgas.app.schedule.ExchangeCalendar.Session;
import io.dgas.app.service.Page;
import io.dgas.app.stream.MarketHours;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.bars.SeriesJumps;
import io.dgas.store.bars.SymbolRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bars missing from a stored series: between each two consecutive stored bars further apart than the timeframe,
 * the bar intervals in which the symbol's market was open (its exchange calendar: crypto around the clock, other
 * asset classes the US equities session with its holidays and early closes, {@link MarketHours}). A night, a weekend
 * or a holiday so is no gap; a missing hour of a trading day, or a missing day of a 24/7 market, is. Only the stretch
 * between the first and the last stored bar of the range is judged (the time before the first bar and since the last
 * is the collect stage's to fill).
 *
 * <p>Design notes: a skip from bar a to bar b holds the slots a + k × step, 1 ≤ k ≤ K (the last before b); a slot
 * [s, s + step) meets a session [o, c) iff o − step &lt; s &lt; c, so each session met gives the slot numbers
 * ⌊(o − a) / step⌋ … ⌈(c − a) / step⌉ − 1, clamped to 1 … K, and the missing bars are the union of those ranges
 * (sessions come in time order, so the ranges are merged as they come: a daily or weekly slot meets several). The
 * cost is one step per session in the skip, not one per slot: a minute series across ten years of nights is a few
 * thousand sessions, not millions of slots. The series is read once, as a stream of skips ({@link SeriesJumps}).
 */
public final class DataGaps {
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
     * @param market the calendar judged by ({@code crypto} or {@code us-equities})
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
     */
    public Report find(String symbol, Timeframe timeframe, Instant from, Instant to, int limit, int offset) {
        String assetClass = new SymbolRepository(db)
                .find(symbol)
                .map(SymbolRepository.Symbol::assetClass)
                .orElse(null);
        Tally tally = new Tally(timeframe.seconds(), assetClass, limit, offset);
        SeriesJumps.Extent e = new SeriesJumps(db).scan(symbol, timeframe, from, to, tally::skip);
        double coverage = e.bars() == 0 ? 1.0 : (double) e.bars() / (e.bars() + tally.missing);
        return new Report(
                symbol,
                timeframe.code(),
                hours.market(assetClass),
                e.bars(),
                e.first(),
                e.last(),
                tally.missing,
                coverage,
                Page.counted(tally.page, limit, offset, tally.gaps));
    }

    /**
     * One series' gaps in a universe overview.
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
            long missing,
            long gaps,
            double coverage) {}

    /**
     * Every active symbol's series at {@code timeframe} with bars in {@code [from, to)}, the most bars missing first
     * (then by ticker), the page at {@code offset} of {@code limit}: one pass over the timeframe's bars.
     */
    public Page<SeriesGaps> universe(Timeframe timeframe, Instant from, Instant to, int limit, int offset) {
        long step = timeframe.seconds();
        Map<String, long[]> counts = new HashMap<>();
        List<SeriesJumps.SymbolExtent> extents = new SeriesJumps(db).scanAll(timeframe, from, to, j -> {
            Gap g = missing(j.jump(), step, j.assetClass());
            if (g != null) {
                long[] c = counts.computeIfAbsent(j.symbol(), k -> new long[2]);
                c[0] += g.missing();
                c[1]++;
            }
        });
        List<SeriesGaps> all = new ArrayList<>(extents.size());
        for (SeriesJumps.SymbolExtent e : extents) {
            long[] c = counts.getOrDefault(e.symbol(), new long[2]);
            long bars = e.extent().bars();
            all.add(new SeriesGaps(
                    e.symbol(),
                    hours.market(e.assetClass()),
                    bars,
                    e.extent().first(),
                    e.extent().last(),
                    c[0],
                    c[1],
                    (double) bars / (bars + c[0])));
        }
        all.sort(Comparator.comparingLong(SeriesGaps::missing).reversed().thenComparing(SeriesGaps::symbol));
        return Page.slice(all, limit, offset);
    }

    /**
     * The bars missing between two consecutive stored bars {@code step} seconds apart at best (see the class notes),
     * as a gap from the first to the last missing bar; null when none is.
     */
    private Gap missing(SeriesJumps.Jump j, long step, String assetClass) {
        long a = j.before().getEpochSecond();
        long slots = Math.floorDiv(j.after().getEpochSecond() - a + step - 1, step) - 1;
        if (slots < 1) {
            return null;
        }
        long firstK = 0;
        long lastK = 0;
        long count = 0;
        List<Session> sessions = hours.sessions(
                assetClass, Instant.ofEpochSecond(a + step), Instant.ofEpochSecond(a + (slots + 1) * step));
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

    /** The gaps of one series found so far: their count, the missing bars and the page asked for. */
    private final class Tally {
        private final long step;
        private final String assetClass;
        private final int limit;
        private final int offset;
        private final List<Gap> page = new ArrayList<>();
        private long gaps;
        private long missing;

        Tally(long step, String assetClass, int limit, int offset) {
            this.step = step;
            this.assetClass = assetClass;
            this.limit = limit;
            this.offset = offset;
        }

        /** Judges the slots between two consecutive stored bars. */
        void skip(SeriesJumps.Jump j) {
            Gap g = missing(j, step, assetClass);
            if (g == null) {
                return;
            }
            if (gaps >= offset && page.size() < limit) {
                page.add(g);
            }
            gaps++;
            missing += g.missing();
        }
    }
}
