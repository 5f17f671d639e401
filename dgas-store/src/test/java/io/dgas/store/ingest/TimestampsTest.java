package io.dgas.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest
    @CsvSource({
        "2024-01-01T02:00:00+00:00, 2024-01-01T02:00:00Z",
        "2024-01-01T02:00:00Z, 2024-01-01T02:00:00Z",
        "2024-01-01 02:00:00Z, 2024-01-01T02:00:00Z",
        "2024-01-01T02:00Z, 2024-01-01T02:00:00Z",
        "2024-01-01T02:00:00-05:00, 2024-01-01T07:00:00Z",
        "2024-01-01T02:00:00+0530, 2023-12-31T20:30:00Z",
        "2024-01-01T02:00:00+01, 2024-01-01T01:00:00Z",
        "2024-01-01T02:00:00.123456Z, 2024-01-01T02:00:00.123456Z",
        "2024-01-01T02:00:00.5Z, 2024-01-01T02:00:00.500Z",
        "2024-01-01T02:00:00.123456789Z, 2024-01-01T02:00:00.123456Z",
        "2013-01-02, 2013-01-02T00:00:00Z",
        "2024-02-29, 2024-02-29T00:00:00Z",
        "1385337613, 2013-11-25T00:00:13Z",
        "1385337613.25, 2013-11-25T00:00:13.250Z",
        "0, 1970-01-01T00:00:00Z",
        "1704067200000, 2024-01-01T00:00:00Z",
        "1704067200123, 2024-01-01T00:00:00.123Z",
        "1704067200123456, 2024-01-01T00:00:00.123456Z",
        "1704067200123456789, 2024-01-01T00:00:00.123456Z",
        "0000000000000, 1970-01-01T00:00:00Z"
    })
    void parseMicros_acceptedForms_giveUtcInstant(String text, String expected) {
        Instant want = Instant.parse(expected);

        long micros = Timestamps.parseMicros(text);

        assertThat(micros).isEqualTo(want.getEpochSecond() * 1_000_000L + want.getNano() / 1000);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "yesterday",
                "2024-13-01",
                "2024-02-30",
                "2024-01-01T24:00:00Z",
                "2024-01-01T02:60:00Z",
                "2024-01-01T02:00:00X",
                "2024-01-01T02:00:00+25:00",
                "2024-01-01T02:00:00.Z",
                "2024/01/01",
                "12a",
                "1385337613.",
                "1e9",
                "2024-01-01T02",
                "17040672000000",
                "170406720000000",
                "17040672000000000",
                "1704067200000.5",
                "-1704067200000",
                "9999999999999999999",
                "17040672000000000000"
            })
    void parseMicros_malformed_isInvalid(String text) {
        assertThat(Timestamps.parseMicros(text)).isEqualTo(Timestamps.INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-01 02:00:00", "2024-01-01T02:00", "2024-03-10T02:30:00.5"})
    void parseMicros_noOffsetNoZone_isNoOffsetNotUtc(String text) {
        assertThat(Timestamps.parseMicros(text)).isEqualTo(Timestamps.NO_OFFSET);
    }

    @ParameterizedTest
    @CsvSource({
        "2024-01-01 02:00:00, America/New_York, 2024-01-01T07:00:00Z",
        "2024-07-01T02:00:00.25, America/New_York, 2024-07-01T06:00:00.250Z",
        "2024-01-01T02:00, Europe/Berlin, 2024-01-01T01:00:00Z",
        "2024-01-01 02:00:00, UTC, 2024-01-01T02:00:00Z",
        "2024-01-01 02:00:00, +05:30, 2023-12-31T20:30:00Z",
        "2024-03-10, America/New_York, 2024-03-10T00:00:00Z",
        "2024-03-10T02:30:00Z, America/New_York, 2024-03-10T02:30:00Z"
    })
    void parseMicros_noOffsetWithZone_readInThatZoneDatesStayUtc(String text, String zone, String expected) {
        Instant want = Instant.parse(expected);

        long micros = Timestamps.parseMicros(text, ZoneId.of(zone));

        assertThat(micros).isEqualTo(want.getEpochSecond() * 1_000_000L + want.getNano() / 1000);
    }

    @Test
    void parseMicros_localTimeSkippedByDst_isGap() {
        assertThat(Timestamps.parseMicros("2024-03-10 02:30:00", ZoneId.of("America/New_York")))
                .isEqualTo(Timestamps.GAP);
    }

    @Test
    void parseMicros_localTimeRepeatedByDst_isAmbiguous() {
        assertThat(Timestamps.parseMicros("2024-11-03 01:30:00", ZoneId.of("America/New_York")))
                .isEqualTo(Timestamps.AMBIGUOUS);
        assertThat(Timestamps.parseMicros("2024-11-03 01:30:00", ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2024-11-03T01:30:00Z").getEpochSecond() * 1_000_000L);
    }
}
