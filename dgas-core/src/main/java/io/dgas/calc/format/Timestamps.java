package io.dgas.calc.format;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** UTC timestamps in the file form of drummond.md §8: {@code 2024-01-01T02:00:00+00:00}. */
public final class Timestamps {
    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private Timestamps() {}

    public static String format(long epochSecond) {
        return OUT.format(Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC));
    }

    /**
     * Parses an ISO-8601 timestamp with an offset ({@code Z} or {@code ±hh:mm}) into epoch seconds.
     *
     * @throws IllegalArgumentException naming the text
     */
    public static long parse(String text) {
        try {
            return OffsetDateTime.parse(text.trim()).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO timestamp with offset: '" + text + "'", e);
        }
    }
}
