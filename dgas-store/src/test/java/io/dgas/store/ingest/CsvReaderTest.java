package io.dgas.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<String> lines(String text) throws Exception {
        List<String> out = new ArrayList<>();
        try (CsvReader r = new CsvReader(new StringReader(text))) {
            while (r.next()) {
                out.add(r.lineNumber() + ":" + String.join("|", r.fields()));
            }
        }
        return out;
    }

    @Test
    void next_bomCrlfAndBlankLines_strippedAndNumberedPhysically() throws Exception {
        assertThat(lines("\uFEFFa,b\r\n1,2\r\n\r\n3,4")).containsExactly("1:a|b", "2:1|2", "4:3|4");
    }

    @Test
    void next_quotedFieldsWithCommasAndEscapedQuotes_splitCorrectly() throws Exception {
        assertThat(lines("\"x,y\",\"say \"\"hi\"\"\", z ,\n")).containsExactly("1:x,y|say \"hi\"|z|");
    }

    @Test
    void next_loneCarriageReturns_areLineEnds() throws Exception {
        assertThat(lines("a\rb\r")).containsExactly("1:a", "2:b");
    }

    /** {@code prefix}, then an endless line of 'x' without a line end, produced lazily and counted, never held. */
    private static final class EndlessLine extends Reader {
        private final StringReader prefix;
        long served;

        EndlessLine(String prefix) {
            this.prefix = new StringReader(prefix);
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws java.io.IOException {
            int n = prefix.read(cbuf, off, len);
            if (n > 0) {
                return n;
            }
            java.util.Arrays.fill(cbuf, off, off + len, 'x');
            served += len;
            return len;
        }

        @Override
        public void close() {}
    }

    @Test
    void next_lineOverTheCap_failsNamingFileAndLineWithoutReadingItAll() {
        EndlessLine endless = new EndlessLine("a,b\n1,2\n");
        CsvReader r = new CsvReader(endless, 1024);

        assertThat(r.next("big.csv")).isTrue();
        assertThat(r.next("big.csv")).isTrue();
        assertThatThrownBy(() -> r.next("big.csv"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("big.csv line 3, field row, value xxxxxxxx")
                .hasMessageEndingWith(": line longer than 1024 characters (ingest.max_line_length); is it a CSV file"
                        + " with line ends?");
        assertThat(endless.served)
                .as("read stops at the cap, not at a line end")
                .isLessThan(1 << 18);
    }

    @Test
    void next_lineExactlyAtTheCap_isAccepted() throws Exception {
        String line = "y".repeat(1024);
        try (CsvReader r = new CsvReader(new StringReader("h\n" + line + "\r\nz"), 1024)) {
            assertThat(r.next()).isTrue();
            assertThat(r.next()).isTrue();
            assertThat(r.line()).isEqualTo(line);
            assertThat(r.next()).isTrue();
            assertThat(r.line()).isEqualTo("z");
            assertThat(r.lineNumber()).isEqualTo(3);
        }
    }

    @Test
    void next_crlfSplitAcrossBufferRefills_isOneLineEnd() throws Exception {
        String first = "q".repeat((1 << 16) - 1);
        assertThat(lines(first + "\r\nr\n")).containsExactly("1:" + first, "2:r");
    }
}
