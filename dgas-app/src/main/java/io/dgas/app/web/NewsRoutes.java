package io.dgas.app.web;

import io.dgas.app.news.NewsService;
import io.dgas.app.service.BadInputException;
import io.dgas.app.web.Param.Type;
import io.dgas.store.ingest.InvalidInputException;
import io.dgas.store.ingest.Reject;
import java.io.StringReader;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

/**
 * News under {@code /api/v1/news}: the CSV upload (admin token), the paged list and a symbol's daily sentiment from
 * the materialized view. Each route parses, calls {@link NewsService}, renders.
 */
final class NewsRoutes {
    private static final Param SYMBOL = Param.path("symbol", Type.TICKER, "ticker, any case (AAPL)");

    private NewsRoutes() {}

    static List<Route> routes(Supplier<NewsService> news, Clock clock) {
        return List.of(
                Route.get(
                        "/api/v1/news",
                        "News items with sentiment, newest first",
                        ApiV1.concat(
                                List.of(
                                        Param.query("symbol", Type.TICKER, "ticker, any case"),
                                        Param.query("since", Type.INSTANT, "published at or after")),
                                Param.paging(100, 1000)),
                        "{items: [{symbol, published_at, source, url, headline, sentiment}], limit, offset,"
                                + " next_offset}",
                        (c, a) -> news.get().page(a.get("symbol"), a.get("since"), a.get("limit"), a.get("offset"))),
                Route.admin(
                        "POST",
                        "/api/v1/news",
                        "Load news: body is CSV with the header symbol,published_at,source,url,headline,sentiment"
                                + " (sentiment -1..1); all rows or none; a url stored already is skipped",
                        List.of(),
                        "{source, rows_read, inserted, unchanged}",
                        (c, a) -> {
                            try {
                                return news.get().load("upload", new StringReader(c.body()));
                            } catch (InvalidInputException e) {
                                Reject r = e.reject();
                                throw new BadInputException(
                                        r == null ? "body" : r.field(),
                                        r == null ? null : r.value(),
                                        e.getMessage(),
                                        List.of("CSV: symbol,published_at,source,url,headline,sentiment"));
                            }
                        }),
                Route.get(
                        "/api/v1/news/sentiment/{symbol}",
                        "A symbol's daily news sentiment (average, count) from the daily_news_sentiment view,"
                                + " oldest first; as fresh as the last view refresh",
                        List.of(
                                SYMBOL,
                                Param.query("days", Type.INT, "days back from today (UTC), today included")
                                        .withDefault("30")
                                        .range(1, NewsService.MAX_DAYS)),
                        "{symbol, from, to, days: [{day, avg_sentiment, items}]}",
                        (c, a) -> {
                            LocalDate to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
                            int days = a.get("days");
                            return news.get().sentiment(a.get("symbol"), to.minus(days - 1L, ChronoUnit.DAYS), to);
                        }));
    }
}
