package io.dgas.store.optimizer;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import io.dgas.store.monitor.ServerStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks an "unused" verdict before anyone drops the index: with hypopg ≥ 1.4, {@code hypopg_hide_index} makes the
 * planner ignore a real index in this session only, and the heaviest statements are planned with and without it.
 * Any statement whose cost rises is reported: dropping the index would make it slower (statistics can say "unused"
 * while a rarely run but important statement, or one not run since the reset, still depends on it).
 */
public final class HiddenIndexCheck {
    private final Database db;

    public HiddenIndexCheck(Database db) {
        this.db = db;
    }

    /** A statement that would get slower without {@code index}. */
    public record Slower(
            String index,

            @com.fasterxml.jackson.annotation.JsonFormat(
                    shape = com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING)
            long queryid,

            String name,
            double costBefore,
            double costWithout) {}

    /** The verification result: {@code supported} false (with the reason) when hypopg_hide_index is missing. */
    public record Result(boolean supported, String reason, List<Slower> slower) {}

    public Result verify(List<IndexInfo> indexes, List<ServerStatement> statements) {
        return db.withSession(s -> {
            IndexAdvisor.HypopgStatus hypopg = IndexAdvisor.hypopg(s);
            boolean hide = hypopg.installed()
                    && s.queryOne(
                                    "optimizer.hypopg-hide-available",
                                    "SELECT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                                            + " WHERE p.proname = 'hypopg_hide_index' AND quote_ident(n.nspname) = ?)",
                                    ps -> ps.setString(1, hypopg.schema()),
                                    rs -> rs.getBoolean(1))
                            .orElse(false);
            if (!hide) {
                return new Result(
                        false,
                        hypopg.installed()
                                ? "hypopg " + hypopg.version() + " lacks hypopg_hide_index (needs 1.4 or newer)"
                                : "hypopg is not installed in this database",
                        List.of());
            }
            // called through the schema hypopg was installed in, whatever the search path
            String hypo = hypopg.schema();
            PlanCost planner = new PlanCost(s);
            List<Slower> slower = new ArrayList<>();
            for (IndexInfo index : indexes) {
                for (ServerStatement st : statements) {
                    if (!PlanCost.isSelect(st.query())) {
                        continue;
                    }
                    try {
                        double before = planner.cost(st.query());
                        s.queryOne(
                                "optimizer.hypopg-hide",
                                "SELECT " + hypo + ".hypopg_hide_index(to_regclass(quote_ident(?))::oid)",
                                ps -> ps.setString(1, index.name()),
                                rs -> rs.getBoolean(1));
                        double after;
                        try {
                            after = planner.cost(st.query());
                        } finally {
                            s.queryOne(
                                    "optimizer.hypopg-unhide",
                                    "SELECT " + hypo + ".hypopg_unhide_all_indexes()",
                                    SqlSession.Binder.NONE,
                                    rs -> 0);
                        }
                        if (after > before * 1.0001) {
                            slower.add(new Slower(index.name(), st.queryid(), st.name(), before, after));
                        }
                    } catch (SQLException | RuntimeException e) {
                        // a statement that cannot be planned says nothing about the index
                    }
                }
            }
            return new Result(true, null, slower);
        });
    }
}
