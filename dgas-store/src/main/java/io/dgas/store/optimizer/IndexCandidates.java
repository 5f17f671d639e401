package io.dgas.store.optimizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Candidate B-tree indexes for one statement, and the statistics-only estimate of what one would save.
 *
 * <p>Design notes (after Dexter): candidates are single columns and pairs over the columns a statement filters on
 * with equality, then range, then sorts on: {@code (eq)}, {@code (range)}, {@code (eq, eq')}, {@code (eq, range)},
 * {@code (eq, order)}. Equality columns come first in a pair, most selective first (selectivity from
 * {@code pg_stats}: {@code (1 - null_frac) / n_distinct}), because a B-tree can only seek on a run of equalities
 * followed by one range. A candidate whose columns are a leading prefix of an existing valid, non-partial B-tree
 * index is already covered and dropped.
 *
 * <p>The heuristic estimate, used when hypopg is absent: the statement's sequential scans of the table (costs from
 * its real EXPLAIN) are replaced by an index scan costed like the planner does in outline: one descent per leaf
 * relation, plus a random page per matching row (at most the table's pages), plus CPU per matching tuple, where
 * matching rows = rows × the product of the seekable columns' selectivities (range columns: the planner's default
 * 1/3). Statements without a sequential scan of the table gain nothing.
 */
final class IndexCandidates {
    private IndexCandidates() {}

    /** A candidate: table and key columns (names as stored). */
    record Candidate(String table, List<String> columns) {}

    /** Column uses of one table in one statement. */
    static final class Uses {
        final Set<String> equality = new LinkedHashSet<>();
        final Set<String> range = new LinkedHashSet<>();
        final Set<String> order = new LinkedHashSet<>();
    }

    static List<Candidate> build(TableStats table, Uses uses, List<IndexInfo> existing) {
        List<String> sorted = new ArrayList<>(uses.equality);
        sorted.sort(Comparator.comparingDouble(table::equalitySelectivity));
        List<String> eq = sorted.size() > 3 ? sorted.subList(0, 3) : sorted;
        List<String> range = new ArrayList<>(uses.range);
        range.removeAll(eq);
        Set<List<String>> out = new LinkedHashSet<>();
        eq.forEach(c -> out.add(List.of(c)));
        range.forEach(c -> out.add(List.of(c)));
        for (String a : eq) {
            for (String b : eq) {
                if (!a.equals(b) && eq.indexOf(a) < eq.indexOf(b)) {
                    out.add(List.of(a, b));
                }
            }
            range.forEach(r -> out.add(List.of(a, r)));
            uses.order.stream().filter(o -> !eq.contains(o)).findFirst().ifPresent(o -> out.add(List.of(a, o)));
        }
        return out.stream()
                .filter(cols -> !covered(table.name(), cols, existing))
                .map(cols -> new Candidate(table.name(), cols))
                .toList();
    }

    /** Whether an existing valid, non-partial B-tree index on {@code table} starts with {@code columns}. */
    static boolean covered(String table, List<String> columns, List<IndexInfo> existing) {
        return existing.stream()
                .filter(i -> i.table().equals(table) && i.valid() && i.predicate() == null)
                .filter(i -> i.method().equals("btree") && i.columns().size() >= columns.size())
                .anyMatch(i -> {
                    for (int k = 0; k < columns.size(); k++) {
                        if (!unquote(i.columns().get(k)).equals(columns.get(k))) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    private static String unquote(String col) {
        return col.startsWith("\"") && col.endsWith("\"")
                ? col.substring(1, col.length() - 1).replace("\"\"", "\"")
                : col;
    }

    /**
     * The statement's estimated cost with {@code candidate} (see class notes).
     *
     * @param before the statement's cost without it
     * @param seqScanCost cost of the statement's sequential scans of the table
     * @param costs planner cost settings: random_page_cost, cpu_index_tuple_cost, cpu_tuple_cost,
     *     cpu_operator_cost
     */
    static double estimateAfter(
            Candidate candidate,
            TableStats table,
            Uses uses,
            double before,
            double seqScanCost,
            Map<String, Double> costs) {
        if (seqScanCost <= 0) {
            return before;
        }
        double selectivity = 1;
        for (String c : candidate.columns()) {
            if (uses.equality.contains(c)) {
                selectivity *= table.equalitySelectivity(c);
            } else if (uses.range.contains(c)) {
                selectivity *= TableStats.DEFAULT_INEQ_SEL;
                break;
            } else {
                break; // an ORDER BY column: no filtering
            }
        }
        double rows = Math.max(1, selectivity * table.rows());
        double pages = Math.min(Math.max(1, table.pages()), rows);
        double depth = Math.max(1, Math.ceil(Math.log(Math.max(2, table.rows())) / Math.log(256)));
        double index = costs.get("random_page_cost")
                        * (pages + depth * Math.max(1, table.relations().size()))
                + rows
                        * (costs.get("cpu_index_tuple_cost")
                                + costs.get("cpu_tuple_cost")
                                + costs.get("cpu_operator_cost"));
        return before - seqScanCost + Math.min(seqScanCost, index);
    }

    /** Estimated size: rows × (tuple header 8 + aligned key widths + line pointer 4) at B-tree fillfactor 90 %. */
    static long estimateBytes(Candidate candidate, TableStats table) {
        double width = 0;
        for (String c : candidate.columns()) {
            width += table.width(c);
        }
        double tuple = 8 + Math.ceil(width / 8.0) * 8 + 4;
        return (long) (Math.max(1, table.rows()) * tuple / 0.9) + 8192;
    }

    /** The index name for a candidate: {@code <table>_<col>[_<col>]_idx}, cut to PostgreSQL's 63 bytes. */
    static String name(Candidate c) {
        String n = c.table() + "_" + String.join("_", c.columns()) + "_idx";
        n = n.replaceAll("[^A-Za-z0-9_]", "_");
        return n.length() > 63 ? n.substring(0, 59) + "_idx" : n;
    }

    static String keys(Candidate c) {
        return String.join(", ", c.columns().stream().map(Identifiers::quote).toList());
    }
}
