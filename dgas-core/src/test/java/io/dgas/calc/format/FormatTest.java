package io.dgas.calc.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void num_specialAndLargeValues_areWrittenPlain() {
        assertThat(Num.format(Double.NaN)).isEqualTo("NaN");
        assertThat(Num.format(1e-7)).isEqualTo("0.0000001");
        assertThat(Num.format(1.5e10)).isEqualTo("15000000000");
        assertThat(Num.format(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(Num.json(Double.POSITIVE_INFINITY)).isEqualTo("null");
    }

    @Test
    void timestamps_roundTripInUtcWithOffset() {
        assertThat(Timestamps.format(1_704_074_400L)).isEqualTo("2024-01-01T02:00:00+00:00");
        assertThat(BarsCsvParser.parseTimestamp("2024-01-01T02:00:00+00:00")).isEqualTo(1_704_074_400L);
        assertThat(BarsCsvParser.parseTimestamp("2024-01-01T03:00:00+01:00")).isEqualTo(1_704_074_400L);
        assertThat(BarsCsvParser.parseTimestamp("2024-01-01T02:00:00Z")).isEqualTo(1_704_074_400L);
    }

    @Test
    void timestamps_withoutOffset_isRejected() {
        assertThatThrownBy(() -> BarsCsvParser.parseTimestamp("2024-01-01T02:00:00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset");
    }

    @Test
    void jsonWriter_controlAndQuoteCharacters_areEscaped() {
        StringBuilder sb = new StringBuilder();
        new JsonWriter(sb)
                .beginObject()
                .name("k\"ey")
                .value("a\\b\n\t\u0001\u2028")
                .name("n")
                .value(Double.NaN)
                .name("e")
                .beginArray()
                .endArray()
                .endObject();
        assertThat(sb.toString())
                .isEqualTo("{\n  \"k\\\"ey\": \"a\\\\b\\n\\t\\u0001\\u2028\",\n  \"n\": null,\n  \"e\": []\n}");
    }
}
