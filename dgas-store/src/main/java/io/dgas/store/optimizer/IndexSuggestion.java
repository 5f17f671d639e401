package io.dgas.store.optimizer;

import java.util.List;

/**
 * A suggested index and the workload it helps.
 *
 * @param table the table
 * @param columns key columns in order
 * @param name the index name {@code add-indexes --suggested} would create
 * @param ddl the statement that creates it ({@code CREATE INDEX CONCURRENTLY …})
 * @param beforeCost planner cost of the heaviest statement it helps, without the index
 * @param afterCost that statement's cost with it (hypothetical index, or the heuristic's estimate)
 * @param estimatedBytes estimated index size
 * @param timeSavedMs estimated execution time saved over the window: Σ total time × cost saving fraction
 * @param queries the statements it helps, heaviest first
 */
public record IndexSuggestion(
        String table,
        List<String> columns,
        String name,
        String ddl,
        double beforeCost,
        double afterCost,
        long estimatedBytes,
        double timeSavedMs,
        List<HelpedQuery> queries) {

    /** Share of the heaviest helped statement's cost the index removes, 0..1. */
    public double savings() {
        return beforeCost <= 0 ? 0 : Math.max(0, (beforeCost - afterCost) / beforeCost);
    }

    /** One statement a suggestion helps. */
    public record HelpedQuery(
            @com.fasterxml.jackson.annotation.JsonFormat(
                    shape = com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING)
            long queryid,

            String name,
            String query,
            long calls,
            double meanMs,
            double beforeCost,
            double afterCost) {}
}
