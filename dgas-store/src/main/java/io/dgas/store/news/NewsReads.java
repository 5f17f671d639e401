package io.dgas.store.news;

import io.dgas.store.Database;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Paged news reads for the API: newest first, optionally of one symbol and since an instant. */
public final class NewsReads {
    /** news_items_published_idx: newest first, filtered by symbol and time when given */
    static final String PAGE = NewsRepository.COLS
            + " WHERE (?::text IS NULL OR y.ticker = ?) AND (?::timestamptz IS NULL OR n.published_at >= ?)"
            + " ORDER BY n.published_at DESC, n.id DESC LIMIT ? OFFSET ?";

    private final Database db;

    public NewsReads(Database db) {
        this.db = db;
    }

    /** Up to {@code limit} items after skipping {@code offset}, newest first; null symbol or since: no filter. */
    public List<NewsItem> page(String symbol, Instant since, int limit, int offset) {
        Timestamp ts = since == null ? null : Timestamp.from(since);
        return db.query(
                "news.page",
                PAGE,
                ps -> {
                    ps.setString(1, symbol);
                    ps.setString(2, symbol);
                    ps.setTimestamp(3, ts);
                    ps.setTimestamp(4, ts);
                    ps.setInt(5, limit);
                    ps.setInt(6, offset);
                },
                NewsRepository::item);
    }

    /** The tickers of {@code tickers} that are stored symbols (exact match). */
    public Set<String> known(Collection<String> tickers) {
        return new HashSet<>(db.query(
                "news.known-symbols",
                "SELECT ticker FROM symbols WHERE ticker = ANY (?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", tickers.toArray())),
                rs -> rs.getString(1)));
    }
}
