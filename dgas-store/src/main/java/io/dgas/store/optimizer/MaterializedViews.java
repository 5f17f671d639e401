package io.dgas.store.optimizer;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The materialized views the maintenance job refreshes.
 *
 * <p>{@code REFRESH MATERIALIZED VIEW CONCURRENTLY} keeps the view readable during the refresh; it needs a unique
 * index (every registered view has one, created with it) and a populated view, so a view that was never populated
 * gets one plain refresh first. Views registered but missing from the database are reported, not created.
 */
public final class MaterializedViews {
    /** Views refreshed by {@link #refreshAll}. */
    public static final List<String> REGISTERED =
            List.of("daily_bar_rollups", "daily_portfolio_performance", "daily_news_sentiment");

    private final Database db;

    public MaterializedViews(Database db) {
        this.db = db;
    }

    /** A view and how it was refreshed ({@code concurrently}, {@code full} or {@code missing}) and how long it took. */
    public record Refreshed(String view, String how, long millis) {}

    public List<Refreshed> refreshAll() {
        return refresh(REGISTERED);
    }

    /**
     * Refreshes {@code views} (each concurrently when populated), in order, in one transaction with JIT off: the
     * views read by index probes (a portfolio's close of each day) that the planner costs high enough for JIT, whose
     * compile time (about 0.3 s on PostgreSQL 15) was thirty times the refresh itself; a paper session refreshes the
     * daily performance view after every cycle.
     */
    public List<Refreshed> refresh(List<String> views) {
        List<Refreshed> out = new ArrayList<>();
        db.inTransaction(s -> {
            try (Statement st = s.connection().createStatement()) {
                st.execute(SqlSession.named("optimizer.refresh-no-jit", "SET LOCAL jit = off"));
            }
            for (String view : views) {
                Boolean populated = s.queryOne(
                                "optimizer.matview",
                                "SELECT ispopulated FROM pg_matviews WHERE schemaname = current_schema()"
                                        + " AND matviewname = ?",
                                ps -> ps.setString(1, view),
                                rs -> rs.getBoolean(1))
                        .orElse(null);
                if (populated == null) {
                    out.add(new Refreshed(view, "missing", 0));
                    continue;
                }
                long start = System.nanoTime();
                String sql =
                        "REFRESH MATERIALIZED VIEW " + (populated ? "CONCURRENTLY " : "") + Identifiers.quote(view);
                try (Statement st = s.connection().createStatement()) {
                    st.execute(SqlSession.named("optimizer.refresh-view", sql));
                }
                out.add(new Refreshed(
                        view, populated ? "concurrently" : "full", (System.nanoTime() - start) / 1_000_000));
            }
            return null;
        });
        return out;
    }
}
