package io.dgas.app.news;

import io.dgas.app.service.Page;
import io.dgas.store.Database;
import io.dgas.store.bars.KnownSymbols;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.cache.RegionSpec;
import io.dgas.store.ingest.IngestLimits;
import io.dgas.store.ingest.InvalidInputException;
import io.dgas.store.ingest.Reject;
import io.dgas.store.news.NewsReads;
import io.dgas.store.news.NewsRepository;
import io.dgas.store.views.DailyViews;
import java.io.Reader;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * News with sentiment: the one load path behind {@code dgas ingest news} and {@code POST /api/v1/news}, and the reads
 * behind {@code GET /api/v1/news} and the daily sentiment view. Reads go through the {@code news} cache region; a load
 * that stores anything drops it.
 */
public final class NewsService {
    /** Days of daily sentiment a read returns at most. */
    public static final int MAX_DAYS = 3660;

    private final Database db;
    private final NewsRepository news;
    private final NewsReads reads;
    private final DailyViews views;
    private final QueryCache cache;
    private final IngestLimits limits;

    /** {@code limits} bounds the published times a load accepts (ingest.min_timestamp, now + ingest.max_future). */
    public NewsService(Database db, QueryCache cache, IngestLimits limits) {
        this.db = db;
        this.limits = limits;
        this.news = new NewsRepository(db);
        this.reads = new NewsReads(db);
        this.views = new DailyViews(db);
        this.cache = cache;
    }

    /**
     * Validates every row of {@code in} (named {@code source} in messages), then stores them in one transaction:
     * nothing is written when any row is bad or names an unknown symbol; a url stored already is skipped, so loading
     * the same file twice stores nothing the second time.
     */
    public NewsReport load(String source, Reader in) {
        List<NewsCsv.Line> rows = NewsCsv.read(source, in, limits);
        Set<String> tickers = new LinkedHashSet<>();
        rows.forEach(r -> tickers.add(r.item().symbol()));
        Set<String> known = tickers.isEmpty() ? Set.of() : reads.known(tickers);
        for (NewsCsv.Line r : rows) {
            if (!known.contains(r.item().symbol())) {
                throw new InvalidInputException(
                        source, new Reject(r.number(), "symbol", r.item().symbol(), "unknown symbol"));
            }
        }
        long inserted = db.inTransaction(s -> {
            long n = 0;
            for (NewsCsv.Line r : rows) {
                if (news.insert(s, r.item())) {
                    n++;
                }
            }
            return n;
        });
        if (inserted > 0) {
            cache.invalidate("news:*");
        }
        return new NewsReport(source, rows.size(), inserted, rows.size() - inserted);
    }

    /** News newest first, of {@code symbol} (null: all) published at or after {@code since} (null: any time). */
    public Page<NewsRow> page(String symbol, Instant since, int limit, int offset) {
        if (symbol != null) {
            KnownSymbols.require(db, List.of(symbol));
        }
        return cache.get(RegionSpec.NEWS, "news:page:" + symbol + ":" + since + ":" + limit + ":" + offset, () -> {
            List<NewsRow> rows = reads.page(symbol, since, limit + 1, offset).stream()
                    .map(NewsRow::of)
                    .toList();
            return Page.of(rows, limit, offset);
        });
    }

    /** One symbol's daily sentiment (average, count) over [from, to], oldest first, as of the last view refresh. */
    public Sentiment sentiment(String symbol, LocalDate from, LocalDate to) {
        KnownSymbols.require(db, List.of(symbol));
        return cache.get(RegionSpec.NEWS, "news:sentiment:" + symbol + ":" + from + ":" + to, () -> {
            List<Day> days = views.sentiment(symbol, from, to).stream()
                    .map(d -> new Day(d.day(), d.avgSentiment(), d.items()))
                    .toList();
            return new Sentiment(symbol, from, to, days);
        });
    }

    /** A symbol's daily sentiment over a range. */
    public record Sentiment(String symbol, LocalDate from, LocalDate to, List<Day> days) implements Serializable {}

    /** One day: average sentiment −1..1 and the number of items. */
    public record Day(LocalDate day, double avgSentiment, long items) implements Serializable {}
}
