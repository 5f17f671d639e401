package io.dgas.store.optimizer;

import com.fasterxml.jackson.databind.JsonNode;
import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import io.dgas.store.monitor.ServerStatement;
import io.dgas.store.optimizer.IndexCandidates.Candidate;
import io.dgas.store.optimizer.IndexCandidates.Uses;
import io.dgas.store.optimizer.IndexSuggestion.HelpedQuery;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Index suggestions for the heaviest statements of the workload.
 *
 * <p>Design notes: Dexter's method. For each statement (read-only SELECTs; heaviest by total time first) the
 * referenced columns give candidates ({@link IndexCandidates}); the statement is planned once without and once with
 * each candidate, and the best candidate is kept only when it cuts the planner's cost by at least {@code minSavings}
 * (Dexter: 50 %). With the hypopg extension installed, "with" means a hypothetical index ({@code hypopg_create_index},
 * reset after each try) and the real planner decides; without it, a statistics estimate stands in (method
 * {@code heuristic}). Everything happens on one pinned session, since hypothetical indexes live in one backend.
 * Suggestions for the same index from several statements are merged, and ranked by the execution time they would
 * save across the workload: Σ over helped statements of total time × saving fraction (calls × mean × saving) — a
 * 90 % saving on a statement run once a day ranks below a 60 % saving on one run a million times.
 */
public final class IndexAdvisor {
    private final Database db;

    public IndexAdvisor(Database db) {
        this.db = db;
    }

    /** The advice and how it was reached. */
    public record Advice(String method, String planning, List<IndexSuggestion> suggestions, List<String> notes) {}

    /**
     * Whether hypopg can be used here: {@code installed} in this database, or only {@code available} to install; its
     * functions are called through {@code schema} (quoted), the one it was installed in, whatever the search path.
     */
    public record HypopgStatus(boolean available, boolean installed, String version, String schema) {}

    public HypopgStatus hypopg() {
        return db.withSession(IndexAdvisor::hypopg);
    }

    static HypopgStatus hypopg(SqlSession s) {
        return s.queryOne(
                        "optimizer.hypopg",
                        "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'hypopg'),"
                                + " e.extversion, quote_ident(n.nspname) FROM (SELECT 1) one"
                                + " LEFT JOIN pg_extension e ON e.extname = 'hypopg'"
                                + " LEFT JOIN pg_namespace n ON n.oid = e.extnamespace",
                        SqlSession.Binder.NONE,
                        rs -> new HypopgStatus(
                                rs.getBoolean(1), rs.getString(2) != null, rs.getString(2), rs.getString(3)))
                .orElse(new HypopgStatus(false, false, null, null));
    }

    /**
     * Suggestions for {@code workload} (e.g. {@code PgStatStatements.top}), best first.
     *
     * @param minSavings minimum cost reduction for a candidate to be kept, 0..1 (Dexter: 0.5)
     * @param useHypopg false forces the heuristic even when hypopg is installed
     */
    public Advice suggest(List<ServerStatement> workload, double minSavings, boolean useHypopg) {
        return db.withSession(s -> {
            HypopgStatus status = hypopg(s);
            // the schema hypopg's functions are called through, or null: the heuristic
            String hypo = useHypopg && status.installed() ? status.schema() : null;
            List<String> notes = new ArrayList<>();
            if (!status.installed()) {
                notes.add(
                        status.available()
                                ? "hypopg is available but not installed in this database (CREATE EXTENSION hypopg);"
                                        + " using the statistics heuristic"
                                : "hypopg is not available on this server; using the statistics heuristic");
            }
            PlanCost planner = new PlanCost(s);
            Map<String, Double> costs = costSettings(s);
            List<IndexInfo> existing = IndexCatalog.all(s);
            Map<String, Optional<TableStats>> tables = new HashMap<>();
            Map<String, Builder> merged = new LinkedHashMap<>();
            for (ServerStatement st : workload) {
                if (!PlanCost.isSelect(st.query())) {
                    continue;
                }
                try {
                    adviseOne(s, st, planner, hypo, costs, existing, tables, minSavings, merged, notes);
                } catch (SQLException | RuntimeException e) {
                    notes.add("statement " + st.queryid() + (st.name() == null ? "" : " (" + st.name() + ")")
                            + " skipped: " + firstLine(e.getMessage()));
                    if (hypo != null) {
                        reset(s, hypo);
                    }
                }
            }
            List<IndexSuggestion> out = merged.values().stream()
                    .map(Builder::build)
                    .sorted(Comparator.comparingDouble(IndexSuggestion::timeSavedMs)
                            .reversed())
                    .toList();
            return new Advice(hypo != null ? "hypopg" : "heuristic", planner.approach(), out, notes);
        });
    }

    private static void adviseOne(
            SqlSession s,
            ServerStatement st,
            PlanCost planner,
            String hypo,
            Map<String, Double> costs,
            List<IndexInfo> existing,
            Map<String, Optional<TableStats>> tables,
            double minSavings,
            Map<String, Builder> merged,
            List<String> notes)
            throws SQLException {
        QueryColumns.Parsed parsed = QueryColumns.parse(st.query());
        Map<String, TableStats> used = new LinkedHashMap<>();
        for (String t : parsed.tables().values()) {
            tables.computeIfAbsent(t, k -> TableStats.load(s, k)).ifPresent(ts -> used.put(t, ts));
        }
        Map<String, Uses> uses = resolve(parsed, used);
        List<Candidate> candidates = new ArrayList<>();
        uses.forEach((t, u) -> candidates.addAll(IndexCandidates.build(used.get(t), u, existing)));
        if (candidates.isEmpty()) {
            return;
        }
        JsonNode plan = planner.plan(st.query());
        double before = plan.path("Total Cost").asDouble();
        if (before <= 0) {
            return;
        }
        Candidate best = null;
        double bestAfter = before;
        long bestBytes = 0;
        for (Candidate c : candidates) {
            double after;
            long bytes;
            if (hypo != null) {
                Optional<double[]> tried = tryHypothetical(s, hypo, planner, c, st.query(), notes);
                if (tried.isEmpty()) {
                    continue;
                }
                after = tried.get()[0];
                bytes = (long) tried.get()[1];
            } else {
                TableStats ts = used.get(c.table());
                double seq = PlanCost.seqScanCost(plan, ts.relations());
                after = IndexCandidates.estimateAfter(c, ts, uses.get(c.table()), before, seq, costs);
                bytes = IndexCandidates.estimateBytes(c, ts);
            }
            boolean better = after < bestAfter - 1e-6 * before
                    || (best != null
                            && Math.abs(after - bestAfter) <= 1e-6 * before
                            && c.columns().size() < best.columns().size());
            if ((before - after) / before >= minSavings && better) {
                best = c;
                bestAfter = after;
                bestBytes = bytes;
            }
        }
        if (best != null) {
            String key = best.table() + "(" + String.join(",", best.columns()) + ")";
            Candidate chosen = best;
            long size = bestBytes;
            merged.computeIfAbsent(key, k -> new Builder(chosen, size))
                    .add(
                            new HelpedQuery(
                                    st.queryid(), st.name(), st.query(), st.calls(), st.meanMs(), before, bestAfter),
                            st.totalMs());
        }
    }

    /** Cost with a hypothetical index and its estimated size; empty (with a note) when hypopg refuses it. */
    private static Optional<double[]> tryHypothetical(
            SqlSession s, String hypo, PlanCost planner, Candidate c, String sql, List<String> notes)
            throws SQLException {
        String ddl = "CREATE INDEX ON " + Identifiers.quote(c.table()) + " (" + IndexCandidates.keys(c) + ")";
        try {
            long oid = s.queryOne(
                            "optimizer.hypopg-create",
                            "SELECT indexrelid FROM " + hypo + ".hypopg_create_index(?)",
                            ps -> ps.setString(1, ddl),
                            rs -> rs.getLong(1))
                    .orElseThrow();
            double after = planner.cost(sql);
            long bytes = s.queryOne(
                            "optimizer.hypopg-size",
                            "SELECT " + hypo + ".hypopg_relation_size(?::oid)",
                            ps -> ps.setLong(1, oid),
                            rs -> rs.getLong(1))
                    .orElse(0L);
            return Optional.of(new double[] {after, bytes});
        } catch (RuntimeException e) {
            notes.add("hypopg could not try " + c.table() + c.columns() + ": " + firstLine(e.getMessage()));
            return Optional.empty();
        } finally {
            reset(s, hypo);
        }
    }

    private static void reset(SqlSession s, String hypo) {
        s.queryOne("optimizer.hypopg-reset", "SELECT " + hypo + ".hypopg_reset()", SqlSession.Binder.NONE, rs -> 0);
    }

    /** Column uses per table, keeping only columns that exist in the catalog. */
    static Map<String, Uses> resolve(QueryColumns.Parsed parsed, Map<String, TableStats> tables) {
        Map<String, Uses> out = new LinkedHashMap<>();
        for (QueryColumns.Ref r : parsed.refs()) {
            String table = null;
            if (r.qualifier() != null) {
                table = parsed.tables().get(r.qualifier());
            } else {
                List<String> having = tables.values().stream()
                        .filter(t -> t.columns().containsKey(r.column()))
                        .map(TableStats::name)
                        .toList();
                table = having.size() == 1 ? having.get(0) : null;
            }
            TableStats ts = table == null ? null : tables.get(table);
            if (ts == null || !ts.columns().containsKey(r.column())) {
                continue;
            }
            Uses u = out.computeIfAbsent(table, k -> new Uses());
            switch (r.use()) {
                case EQUALITY -> u.equality.add(r.column());
                case RANGE -> u.range.add(r.column());
                case ORDER -> u.order.add(r.column());
            }
        }
        return out;
    }

    private static Map<String, Double> costSettings(SqlSession s) {
        Map<String, Double> out = new HashMap<>();
        s.query(
                        "optimizer.cost-settings",
                        "SELECT name, setting::float8 FROM pg_settings WHERE name IN ('random_page_cost',"
                                + " 'cpu_index_tuple_cost', 'cpu_tuple_cost', 'cpu_operator_cost')",
                        SqlSession.Binder.NONE,
                        rs -> Map.entry(rs.getString(1), rs.getDouble(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Accumulates the statements one suggested index helps. */
    private static final class Builder {
        private final Candidate candidate;
        private final long bytes;
        private final List<HelpedQuery> queries = new ArrayList<>();
        private double saved;

        Builder(Candidate candidate, long bytes) {
            this.candidate = candidate;
            this.bytes = bytes;
        }

        void add(HelpedQuery q, double totalMs) {
            queries.add(q);
            saved += totalMs * Math.max(0, (q.beforeCost() - q.afterCost()) / q.beforeCost());
        }

        IndexSuggestion build() {
            List<HelpedQuery> sorted = queries.stream()
                    .sorted(Comparator.comparingDouble((HelpedQuery q) -> q.calls() * q.meanMs())
                            .reversed())
                    .toList();
            String name = IndexCandidates.name(candidate);
            String ddl = "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + Identifiers.quote(name) + " ON "
                    + Identifiers.quote(candidate.table()) + " (" + IndexCandidates.keys(candidate) + ")";
            HelpedQuery top = sorted.get(0);
            return new IndexSuggestion(
                    candidate.table(),
                    candidate.columns(),
                    name,
                    ddl,
                    top.beforeCost(),
                    top.afterCost(),
                    bytes,
                    saved,
                    sorted);
        }
    }
}
