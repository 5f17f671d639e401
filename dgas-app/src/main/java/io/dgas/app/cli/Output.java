package io.dgas.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where commands print: human text by default, one JSON document with {@code --json}. Warnings and progress go to
 * stderr so stdout stays parseable.
 */
public final class Output {
    private static final ObjectMapper JSON = io.dgas.app.Json.PRETTY;

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean quiet;

    public Output(PrintWriter out, PrintWriter err, boolean json, boolean quiet) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.quiet = quiet;
    }

    public boolean json() {
        return json;
    }

    /** Standard output itself, for a command whose result is a document of its own (a CSV export). */
    public PrintWriter stdout() {
        return out;
    }

    /**
     * A map for people: "key value" pairs in its order, keys in lower case with spaces for underscores ("pending 31,
     * not filled 2"), or "none" when it is empty (Java's rendering was {@code {PENDING=31, NOT_FILLED=2}}).
     */
    public static String pairs(Map<?, ?> map) {
        List<String> parts = new ArrayList<>();
        map.forEach((k, v) ->
                parts.add(String.valueOf(k).toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " " + v));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** An amount of money for people: two decimals (half even), thousands grouped ("100,000.00"). */
    public static String money(java.math.BigDecimal amount) {
        return String.format(java.util.Locale.ROOT, "%,.2f", amount.setScale(2, java.math.RoundingMode.HALF_EVEN));
    }

    /** A size for people: B, kB, MB (one decimal), GB (two), in powers of 1024. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return (bytes / 1024) + " kB";
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0);
        }
        return String.format(java.util.Locale.ROOT, "%.2f GB", bytes / 1073741824.0);
    }

    /** Prints {@code model} as JSON with {@code --json}, else runs {@code human}. */
    public void result(Object model, Runnable human) {
        if (json) {
            try {
                out.println(JSON.writeValueAsString(model));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render JSON output", e);
            }
        } else {
            human.run();
        }
        out.flush();
    }

    public void line(String text) {
        out.println(text);
    }

    public void warn(String text) {
        if (!quiet) {
            err.println("warning: " + text);
            err.flush();
        }
    }

    public void info(String text) {
        if (!quiet && !json) {
            err.println(text);
            err.flush();
        }
    }

    /**
     * Prints a failure on stderr, never suppressed by {@code --quiet}: the {@link ErrorReport} as one JSON object
     * with {@code --json}, else {@code error: <message>}.
     */
    public void error(Map<String, Object> report) {
        if (json) {
            try {
                err.println(io.dgas.app.Json.MAPPER.writeValueAsString(report));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render JSON error", e);
            }
        } else {
            err.println("error: " + report.get("error"));
        }
        err.flush();
    }

    /**
     * Prints a map's entries one per line, "key value" with the values aligned; a map value as {@link #pairs} (Java's
     * rendering of a whole map, {@code {symbols=100, workers=2, …}}, was a benchmark's output before).
     */
    public void fields(Map<String, ?> map) {
        int width = map.keySet().stream().mapToInt(String::length).max().orElse(0);
        map.forEach((k, v) -> line(String.format(
                java.util.Locale.ROOT, "%-" + width + "s  %s", k, v instanceof Map<?, ?> m ? pairs(m) : v)));
    }

    /** Renders an aligned text table (first row: headers); "(none)" under the headers when there is no row. */
    public void table(List<String> headers, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        int[] widths = new int[headers.size()];
        for (List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i) == null ? 4 : r.get(i).length());
            }
        }
        for (int n = 0; n < all.size(); n++) {
            StringBuilder sb = new StringBuilder();
            List<String> r = all.get(n);
            for (int i = 0; i < r.size(); i++) {
                String cell = r.get(i) == null ? "null" : r.get(i);
                sb.append(i == 0 ? "" : "  ").append(cell).append(" ".repeat(widths[i] - cell.length()));
            }
            out.println(sb.toString().stripTrailing());
            if (n == 0) {
                StringBuilder rule = new StringBuilder();
                for (int i = 0; i < widths.length; i++) {
                    rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
                }
                out.println(rule);
            }
        }
        if (rows.isEmpty()) {
            // headers alone read as if the rows had failed to print
            out.println("(none)");
        }
    }
}
