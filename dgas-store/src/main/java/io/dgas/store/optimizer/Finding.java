package io.dgas.store.optimizer;

import io.dgas.store.health.Verdict;
import java.util.List;

/**
 * One entry of the optimizer's health verdict list: a verdict, a one-line summary and the table behind it.
 *
 * @param name check name ({@code cache_hit_rate}, {@code duplicate_indexes}, …)
 * @param verdict healthy (green), warning (yellow) or critical (red)
 * @param summary what was found, in one line
 * @param headers column names of {@code rows}
 * @param rows the evidence, one list of cells per row
 */
public record Finding(String name, Verdict verdict, String summary, List<String> headers, List<List<String>> rows) {

    static Finding of(String name, Verdict verdict, String summary, List<String> headers, List<List<String>> rows) {
        return new Finding(name, verdict, summary, headers, rows);
    }
}
