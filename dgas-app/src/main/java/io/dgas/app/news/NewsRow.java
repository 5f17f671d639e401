package io.dgas.app.news;

import io.dgas.store.news.NewsItem;
import java.io.Serializable;
import java.time.Instant;

/** A news item as the API and the caches carry it (serializable for the shared cache level). */
public record NewsRow(String symbol, Instant publishedAt, String source, String url, String headline, double sentiment)
        implements Serializable {
    static NewsRow of(NewsItem n) {
        return new NewsRow(n.symbol(), n.publishedAt(), n.source(), n.url(), n.headline(), n.sentiment());
    }
}
