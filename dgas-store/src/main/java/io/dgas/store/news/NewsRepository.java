package io.dgas.store.news;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/** News items with sentiment: idempotent by url; reads named after the index that serves each. */
public final class NewsRepository {
    static final String COLS = "SELECT y.ticker, n.published_at, n.source, n.url, n.headline, n.sentiment"
            + " FROM news_items n JOIN symbols y ON y.id = n.symbol_id";
    /** news_items_symbol_sentiment_idx: a symbol's news at or above a sentiment, most positive first */
    public static final String BY_SYMBOL_SENTIMENT = COLS
            + " WHERE n.symbol_id = (SELECT id FROM symbols WHERE ticker = ?) AND n.sentiment >= ?"
            + " ORDER BY n.sentiment DESC LIMIT ?";
    /** news_items_published_idx: the latest news of all symbols */
    public static final String LATEST = COLS + " ORDER BY n.published_at DESC LIMIT ?";

    private final Database db;

    public NewsRepository(Database db) {
        this.db = db;
    }

    /** Inserts {@code item}; false when its url is stored already (or its symbol is unknown). */
    public boolean insert(SqlSession s, NewsItem item) {
        return s.update(
                        "news.insert",
                        "INSERT INTO news_items (symbol_id, published_at, source, url, headline, sentiment)"
                                + " SELECT id, ?, ?, ?, ?, ? FROM symbols WHERE ticker = ?"
                                + " ON CONFLICT (url) DO NOTHING",
                        ps -> {
                            ps.setTimestamp(1, Timestamp.from(item.publishedAt()));
                            ps.setString(2, item.source());
                            ps.setString(3, item.url());
                            ps.setString(4, item.headline());
                            ps.setDouble(5, item.sentiment());
                            ps.setString(6, item.symbol());
                        })
                == 1;
    }

    public List<NewsItem> bySymbol(String symbol, double minSentiment, int limit) {
        return db.query(
                "news.by-symbol-sentiment",
                BY_SYMBOL_SENTIMENT,
                ps -> {
                    ps.setString(1, symbol);
                    ps.setDouble(2, minSentiment);
                    ps.setInt(3, limit);
                },
                NewsRepository::item);
    }

    public List<NewsItem> latest(int limit) {
        return db.query("news.latest", LATEST, ps -> ps.setInt(1, limit), NewsRepository::item);
    }

    static NewsItem item(ResultSet rs) throws SQLException {
        return new NewsItem(
                rs.getString(1),
                rs.getTimestamp(2).toInstant(),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getDouble(6));
    }
}
