package io.dgas.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.store.Database;
import io.dgas.testkit.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: every file below breaks one rule. Each must fail with exactly the stated message (file, line,
 * field, value, rule) and leave the database exactly as it was — including the valid line 2 that precedes the bad one.
 */
class BadInputCorpusIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static final String H = SeededStore.H;
    /** A valid bar for a key not yet stored: if it were written, the row count would change. */
    static final String GOOD = "2024-03-01T05:00:00+00:00,AAPL,1h,100,101,99,100.5,1000\n";

    static Database db;

    @TempDir
    static Path dir;

    @BeforeAll
    static void open() throws Exception {
        db = SeededStore.open(PG.jdbcUrl(), dir);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of(
                        "inverted high",
                        H + GOOD + "2024-03-01T06:00:00Z,AAPL,1h,100,99.5,99,101.2,1\n",
                        "bars.csv line 3, field high, value 99.5: high must be >= max(open, close) (101.2)"),
                Arguments.of(
                        "low above open",
                        H + GOOD + "2024-03-01T06:00:00Z,AAPL,1h,100,101,100.2,100.5,1\n",
                        "bars.csv line 3, field low, value 100.2: low must be <= min(open, close) (100)"),
                Arguments.of(
                        "zero price",
                        H + GOOD + "2024-03-01T06:00:00Z,AAPL,1h,0,101,99,100.5,1\n",
                        "bars.csv line 3, field open, value 0: open must be > 0"),
                Arguments.of(
                        "negative price",
                        H + GOOD + "2024-03-01T06:00:00Z,AAPL,1h,100,101,99,-5,1\n",
                        "bars.csv line 3, field close, value -5: close must be > 0"),
                Arguments.of(
                        "NaN price",
                        H + GOOD + "2024-03-01T06:00:00Z,AAPL,1h,100,NaN,99,100.5,1\n",
                        "bars.csv line 3, field high, value NaN: high must be a finite number"),
                Arguments.of(
                        "huge number overflows to infinity",
                        H + GOOD + "2024-03-01T06:00:00Z,AAPL,1h,1e400,1e401,99,100.5,1\n",
                        "bars.csv line 3, field open, value 1e400: open must be a finite number"),
                Arguments.of(
                        "negative infinity",
                        H + GOOD + "2024-03-01T06:00:00Z,AAPL,1h,100,101,-Infinity,100.5,1\n",
                        "bars.csv line 3, field low, value -Infinity: low must be a finite number"),
                Arguments.of(
                        "not a number",
                        H + GOOD + "2024-03-01T06:00:00Z,AAPL,1h,abc,101,99,100.5,1\n",
                        "bars.csv line 3, field open, value abc: open must be a number"),
                Arguments.of(
                        "empty price",
                        H + GOOD + "2024-03-01T06:00:00Z,AAPL,1h,100,101,99,,1\n",
                        "bars.csv line 3, field close, value : close must be a number"),
                Arguments.of(
                        "negative volume",
                        H + GOOD + "2024-03-01T06:00:00Z,AAPL,1h,100,101,99,100.5,-1\n",
                        "bars.csv line 3, field volume, value -1: volume must be >= 0"),
                Arguments.of(
                        "bad timestamp",
                        H + GOOD + "2024-13-01T06:00:00Z,AAPL,1h,100,101,99,100.5,1\n",
                        "bars.csv line 3, field timestamp, value 2024-13-01T06:00:00Z: timestamp must be an ISO-8601"
                                + " date-time (2024-01-01T02:00:00+00:00), a date (2024-01-01) or epoch seconds"
                                + " (up to 12 digits; 13 digits: milliseconds, 16: microseconds, 19: nanoseconds)"),
                Arguments.of(
                        "impossible date",
                        H + GOOD + "2024-02-30,AAPL,1d,100,101,99,100.5,1\n",
                        "bars.csv line 3, field timestamp, value 2024-02-30: timestamp must be an ISO-8601"
                                + " date-time (2024-01-01T02:00:00+00:00), a date (2024-01-01) or epoch seconds"
                                + " (up to 12 digits; 13 digits: milliseconds, 16: microseconds, 19: nanoseconds)"),
                Arguments.of(
                        "misaligned timestamp",
                        H + GOOD + "2024-03-01T06:30:00Z,AAPL,1h,100,101,99,100.5,1\n",
                        "bars.csv line 3, field timestamp, value 2024-03-01T06:30:00Z: timestamp must be a 1h bar"
                                + " open time (the bar containing it opens at 2024-03-01T06:00:00Z)"),
                Arguments.of(
                        "fractional second misaligned",
                        H + GOOD + "2024-03-01T06:00:00.5Z,AAPL,1m,100,101,99,100.5,1\n",
                        "bars.csv line 3, field timestamp, value 2024-03-01T06:00:00.5Z: timestamp must be a 1m bar"
                                + " open time (the bar containing it opens at 2024-03-01T06:00:00Z)"),
                Arguments.of(
                        "duplicate key in the file",
                        H + GOOD + "2024-03-01T07:00:00Z,AAPL,1h,100,101,99,100.5,1\n" + GOOD,
                        "bars.csv line 4, field timestamp, value 2024-03-01T05:00:00Z: duplicate of line 2 (same"
                                + " symbol, interval and timestamp)"),
                Arguments.of(
                        "duplicate key spelled differently",
                        H + GOOD + "2024-03-01T05:00:00Z,AAPL,60m,100,101,99,100.5,1\n",
                        "bars.csv line 3, field timestamp, value 2024-03-01T05:00:00Z: duplicate of line 2 (same"
                                + " symbol, interval and timestamp)"),
                Arguments.of(
                        "wrong column count",
                        H + GOOD + "2024-03-01T06:00:00Z,AAPL,1h,100,101,99,100.5\n",
                        "bars.csv line 3, field row, value 2024-03-01T06:00:00Z,AAPL,1h,100,101,99,100.5: expected 8"
                                + " fields (timestamp,symbol,interval,open,high,low,close,volume), found 7"),
                Arguments.of(
                        "empty file",
                        "",
                        "bars.csv line 1, field header, value : empty file; expected a header such as"
                                + " timestamp,symbol,interval,open,high,low,close,volume"),
                Arguments.of(
                        "header only",
                        H,
                        "bars.csv line 1, field header, value timestamp,symbol,interval,open,high,low,close,volume:"
                                + " no data rows after the header"),
                Arguments.of(
                        "header missing a column",
                        "timestamp,symbol,interval,open,high,low,close\n" + GOOD,
                        "bars.csv line 1, field header, value timestamp,symbol,interval,open,high,low,close: missing"
                                + " column(s) volume; expected timestamp,symbol,interval,open,high,low,close,volume or"
                                + " date,open,high,low,close,volume"),
                Arguments.of(
                        "unknown symbol",
                        H + GOOD + "2024-03-01T06:00:00Z,ZZZ,1h,100,101,99,100.5,1\n",
                        "bars.csv line 3, field symbol, value ZZZ: unknown symbol; add it with --create-symbols"),
                Arguments.of(
                        "malformed symbol",
                        H + GOOD + "2024-03-01T06:00:00Z,AA PL,1h,100,101,99,100.5,1\n",
                        "bars.csv line 3, field symbol, value AA PL: symbol must match [A-Z0-9][A-Z0-9._:/^=-]{0,31}"),
                Arguments.of(
                        "unknown interval",
                        H + GOOD + "2024-03-01T06:00:00Z,AAPL,7m,100,101,99,100.5,1\n",
                        "bars.csv line 3, field interval, value 7m: unknown interval; accepted: 1m 5m 15m 30m 1h 4h"
                                + " 1d 1w (or aliases such as 30min, 60m, D)"),
                Arguments.of(
                        "BOM header still recognised, bad row found",
                        "\uFEFF" + H + GOOD + "2024-03-01T06:00:00Z,AAPL,1h,100,99.5,99,101.2,1\n",
                        "bars.csv line 3, field high, value 99.5: high must be >= max(open, close) (101.2)"),
                Arguments.of(
                        "CRLF line ends: value has no stray carriage return",
                        (H + GOOD + "2024-03-01T06:00:00Z,AAPL,1h,100,101,99,100.5,-2\n").replace("\n", "\r\n"),
                        "bars.csv line 3, field volume, value -2: volume must be >= 0"),
                Arguments.of(
                        "blank line counted in line numbers",
                        H + GOOD + "\n2024-03-01T06:00:00Z,AAPL,1h,0,101,99,100.5,1\n",
                        "bars.csv line 4, field open, value 0: open must be > 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void ingest_badFile_failsWithExactMessageAndChangesNothing(String name, String content, String message)
            throws Exception {
        Path file = Files.writeString(dir.resolve("bars.csv"), content, StandardCharsets.UTF_8);
        Counts before = Counts.of(db);

        assertThatThrownBy(() -> new BarIngestor(db, IngestListener.NONE).ingest(file, IngestOptions.defaults()))
                .isInstanceOf(InvalidInputException.class)
                .isInstanceOf(io.dgas.UserError.class)
                .hasMessage(message);
        assertThat(Counts.of(db)).isEqualTo(before);
        assertThat(dir.resolve("bars.csv.rejects.csv")).doesNotExist();
    }

    @Test
    void ingest_bomAndCrlfGoodFile_isAccepted() throws Exception {
        Path file = Files.writeString(
                dir.resolve("good.csv"),
                ("\uFEFF" + H + "2024-03-02T00:00:00Z,AAPL,1h,100,101,99,100.5,1\n"
                                + "2024-03-02T01:00:00Z,AAPL,1h,100,101,99,100.5,1\n")
                        .replace("\n", "\r\n"));

        IngestReport r = new BarIngestor(db, IngestListener.NONE).ingest(file, IngestOptions.defaults());

        assertThat(r.inserted()).isEqualTo(2);
        assertThat(r.rejected()).isZero();
    }

    @Test
    void ingest_notUtf8_failsAsBadInput() throws Exception {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, (H + "2024-03-01T06:00:00Z,AAPL,1h,100,101,99,100.5,1\n").getBytes(StandardCharsets.UTF_8));
        Files.write(file, new byte[] {(byte) 0xE9, '\n'}, java.nio.file.StandardOpenOption.APPEND);
        Counts before = Counts.of(db);

        assertThatThrownBy(() -> new BarIngestor(db, IngestListener.NONE).ingest(file, IngestOptions.defaults()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("latin1.csv is not UTF-8 text (save it as UTF-8)");
        assertThat(Counts.of(db)).isEqualTo(before);
    }
}
