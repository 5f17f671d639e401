package io.dgas.store.monitor;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * One statement as the server counted it over a window ({@code pg_stat_statements} deltas).
 *
 * @param queryid the server's statement id, written to JSON as a string: a 64-bit id loses digits as a JavaScript
 *     number
 * @param name the dgas statement name when the SQL carries a {@code dgas:} comment, else null
 * @param query normalised SQL text (constants replaced by placeholders; no bound values)
 * @param calls executions in the window
 * @param totalMs execution time in the window
 * @param rows rows in the window
 * @param hitRatio shared-buffer hit ratio in the window (1 when nothing was read)
 */
public record ServerStatement(
        @JsonFormat(shape = JsonFormat.Shape.STRING) long queryid,
        String name,
        String query,
        long calls,
        double totalMs,
        long rows,
        double hitRatio) {

    public double meanMs() {
        return calls == 0 ? 0 : totalMs / calls;
    }
}
