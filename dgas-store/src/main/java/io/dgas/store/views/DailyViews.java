package io.dgas.store.views;

import io.dgas.store.Database;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

/**
 * Reads of the daily materialized views (V43, V80, V81): each by the view's unique key index, a day range inclusive.
 * The views are as fresh as their last refresh (maintenance job or {@code dgas db refresh-views}).
 */
public final class DailyViews {
    /** One portfolio day: closing equity, P&L against the previous close, the day's and the average daily return. */
    public record PortfolioDay(
            LocalDate day, BigDecimal equity, BigDecimal pnl, double dayReturn, double avgReturn, long trades)
            implements java.io.Serializable {}

    /** One symbol day of news: average sentiment −1..1 and the number of items. */
    public record SentimentDay(LocalDate day, double avgSentiment, long items) {}

    /** One daily OHLCV rollup of a source timeframe's bars. */
    public record BarDay(LocalDate day, double open, double high, double low, double close, double volume, long bars) {}

    private final Database db;

    public DailyViews(Database db) {
        this.db = db;
    }

    /**
     * daily_portfolio_performance_key_idx: a portfolio's days, oldest first; a stored backtest's (not in the view, V105:
     * its portfolio never changes once stored) computed now by {@code dgas_portfolio_days}, the view's definition.
     */
    public List<PortfolioDay> portfolio(long portfolioId, LocalDate from, LocalDate to) {
        return db.query(
                "views.portfolio-performance",
                "SELECT day, equity, pnl, day_return, avg_return, trades FROM daily_portfolio_performance"
                        + " WHERE portfolio_id = ? AND day BETWEEN ? AND ?"
                        + " UNION ALL SELECT d.day, d.equity, d.pnl, d.day_return, d.avg_return, d.trades"
                        + " FROM portfolios p CROSS JOIN LATERAL dgas_portfolio_days(p.id) d"
                        + " WHERE p.id = ? AND p.kind = 'backtest' AND d.day BETWEEN ? AND ? ORDER BY day",
                ps -> {
                    ps.setLong(1, portfolioId);
                    ps.setDate(2, Date.valueOf(from));
                    ps.setDate(3, Date.valueOf(to));
                    ps.setLong(4, portfolioId);
                    ps.setDate(5, Date.valueOf(from));
                    ps.setDate(6, Date.valueOf(to));
                },
                rs -> new PortfolioDay(
                        rs.getDate(1).toLocalDate(),
                        rs.getBigDecimal(2),
                        rs.getBigDecimal(3),
                        rs.getDouble(4),
                        rs.getDouble(5),
                        rs.getLong(6)));
    }

    /** daily_news_sentiment_key_idx: a symbol's news days, oldest first. */
    public List<SentimentDay> sentiment(String symbol, LocalDate from, LocalDate to) {
        return db.query(
                "views.news-sentiment",
                "SELECT day, avg_sentiment, items FROM daily_news_sentiment"
                        + " WHERE symbol_id = (SELECT id FROM symbols WHERE ticker = ?) AND day BETWEEN ? AND ?"
                        + " ORDER BY day",
                ps -> {
                    ps.setString(1, symbol);
                    ps.setDate(2, Date.valueOf(from));
                    ps.setDate(3, Date.valueOf(to));
                },
                rs -> new SentimentDay(rs.getDate(1).toLocalDate(), rs.getDouble(2), rs.getLong(3)));
    }

    /** daily_bar_rollups_key_idx: a symbol's daily rollups of one source timeframe, oldest first. */
    public List<BarDay> bars(String symbol, String timeframe, LocalDate from, LocalDate to) {
        return db.query(
                "views.daily-bars",
                "SELECT day, open, high, low, close, volume, bar_count FROM daily_bar_rollups"
                        + " WHERE symbol_id = (SELECT id FROM symbols WHERE ticker = ?) AND timeframe = ?"
                        + " AND day BETWEEN ? AND ? ORDER BY day",
                ps -> {
                    ps.setString(1, symbol);
                    ps.setString(2, timeframe);
                    ps.setDate(3, Date.valueOf(from));
                    ps.setDate(4, Date.valueOf(to));
                },
                rs -> new BarDay(
                        rs.getDate(1).toLocalDate(),
                        rs.getDouble(2),
                        rs.getDouble(3),
                        rs.getDouble(4),
                        rs.getDouble(5),
                        rs.getDouble(6),
                        rs.getLong(7)));
    }
}
