package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.calc.format.BarsCsvParser;
import io.dgas.domain.BarSeries;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One worked case of the spec ({@code vectors/cases/NAME.csv} with its hand arithmetic in {@code NAME.expected.md}),
 * read from the test copy. The expected output is taken from the case's own text (its JSON block or its table), so
 * the test checks the spec's figures, not a copy of them.
 */
record WorkedCase(String name, String csv, String expected) {
    static final Path DIR = Golden.DIR.resolve("cases");

    static WorkedCase load(String name) {
        return new WorkedCase(name, read(name + ".csv"), read(name + ".expected.md"));
    }

    private static String read(String file) {
        Path f = DIR.resolve(file);
        assertThat(f).as("worked case file").exists();
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The case's bars as symbol SYN at 1h (the cases omit the symbol and interval columns, §8 bars need them). */
    BarSeries bars() {
        StringBuilder sb = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        String[] lines = csv.strip().split("\r?\n");
        for (int k = 1; k < lines.length; k++) {
            int comma = lines[k].indexOf(',');
            sb.append(lines[k], 0, comma)
                    .append(",SYN,1h")
                    .append(lines[k].substring(comma))
                    .append('\n');
        }
        return BarsCsvParser.parseSingle(new StringReader(sb.toString()), name);
    }

    /** The first fenced block after the heading that contains {@code heading}. */
    String blockAfter(String heading) {
        int h = expected.indexOf(heading);
        assertThat(h).as(name + " heading " + heading).isNotNegative();
        int open = expected.indexOf("```", h);
        int start = expected.indexOf('\n', open) + 1;
        int close = expected.indexOf("```", start);
        return expected.substring(start, close);
    }

    /** Cells of the table rows (header and rule excluded) of the first table after {@code heading}. */
    List<String[]> tableAfter(String heading) {
        int h = expected.indexOf(heading);
        assertThat(h).as(name + " heading " + heading).isNotNegative();
        List<String[]> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : expected.substring(h).split("\n")) {
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            String[] cells = line.substring(1, line.lastIndexOf('|')).split("\\|");
            for (int c = 0; c < cells.length; c++) {
                cells[c] = cells[c].strip();
            }
            rows.add(cells);
        }
        assertThat(rows.size()).as(name + " table rows").isGreaterThan(2);
        return rows.subList(2, rows.size());
    }
}
