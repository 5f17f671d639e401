package io.dgas.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

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
}
