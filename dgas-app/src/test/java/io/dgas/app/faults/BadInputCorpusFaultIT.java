package io.dgas.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.cli.CliRun;
import io.dgas.testkit.PostgresExtension;
import io.dgas.testkit.StoreChecksum;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus of the fault suite (issue 16): every file breaks one rule, through the real command line
 * ({@code dgas ingest bars|ticks}). Each must exit 2 with one error line naming file, line, field and value where
 * there is one, with no stack trace and no raw control character, and the store's checksum (every row of bars,
 * ticks and symbols, and the list of partitions) must not change. A 100 MB line without a line end is also fed to
 * the fat jar under {@code -Xmx64m}: refused, never an OutOfMemoryError.
 */
class BadInputCorpusFaultIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static final String H = "timestamp,symbol,interval,open,high,low,close,volume\n";
    static final String GOOD = "2024-03-01T05:00:00Z,AAA,1h,100,101,99,100.5,1000\n";
    static final String T = "timestamp,price,size,bid,ask,bid_size,ask_size\n";
    static final String GOOD_TICK = "2024-03-01T05:00:00Z,10,1,9.9,10.1,5,5\n";

    @TempDir
    static Path home;

    /** One corpus file: its name, bytes, whether it is a ticks file, and what the error must contain. */
    record Case(String file, byte[] content, boolean ticks, String expected) {
        static Case bars(String file, String content, String expected) {
            return new Case(file, content.getBytes(StandardCharsets.UTF_8), false, expected);
        }

        static Case ticks(String file, String content, String expected) {
            return new Case(file, content.getBytes(StandardCharsets.UTF_8), true, expected);
        }
    }

    private static CliRun dgas(String... args) {
        return CliRun.of(home.resolve("home"), PG.jdbcUrl(), Map.of(), args);
    }

    @BeforeAll
    static void seed() throws Exception {
        Path bars = Files.writeString(
                home.resolve("seed.csv"),
                H + "2024-03-01T01:00:00Z,AAA,1h,100,101,99,100.5,1\n2024-02-01T00:00:00Z,BBB,1d,10,11,9,10.5,1\n");
        Path ticks = Files.writeString(home.resolve("seed-ticks.csv"), T + "2024-03-01T01:00:00Z,10,1,,,,\n");
        assertThat(dgas("ingest", "bars", bars.toString(), "--create-symbols").code())
                .isZero();
        assertThat(dgas("ingest", "ticks", ticks.toString(), "--symbol", "AAA").code())
                .isZero();
    }

    static List<Case> corpus() {
        List<Case> c = new ArrayList<>();
        String row = "2024-03-01T06:00:00Z,AAA,1h,";
        c.add(Case.bars(
                "inverted-high.csv", H + GOOD + row + "100,99.5,99,101.2,1\n", "line 3, field high, value 99.5"));
        c.add(Case.bars(
                "low-above-open.csv", H + GOOD + row + "100,101,100.2,100.5,1\n", "line 3, field low, value 100.2"));
        c.add(Case.bars("zero-price.csv", H + GOOD + row + "0,101,99,100.5,1\n", "line 3, field open, value 0"));
        c.add(Case.bars("negative-price.csv", H + GOOD + row + "100,101,99,-5,1\n", "line 3, field close, value -5"));
        c.add(Case.bars("nan-price.csv", H + GOOD + row + "100,NaN,99,100.5,1\n", "line 3, field high, value NaN"));
        c.add(Case.bars(
                "infinity.csv", H + GOOD + row + "100,Infinity,99,100.5,1\n", "line 3, field high, value Infinity"));
        c.add(Case.bars(
                "overflow.csv", H + GOOD + row + "1e400,1e401,99,100.5,1\n", "line 3, field open, value 1e400"));
        c.add(Case.bars(
                "price-1e308.csv",
                H + GOOD + row + "1e308,1e308,99,100.5,1\n",
                "line 3, field open, value 1e308: open must be from 0.00000001 to 1000000000"));
        c.add(Case.bars(
                "price-1e-320.csv",
                H + GOOD + row + "1,1,1e-320,1,1\n",
                "line 3, field low, value 1e-320: low must be from"));
        c.add(Case.bars("not-a-number.csv", H + GOOD + row + "abc,101,99,100.5,1\n", "line 3, field open, value abc"));
        c.add(Case.bars(
                "empty-price.csv",
                H + GOOD + row + "100,101,99,,1\n",
                "line 3, field close, value : close must be a number"));
        c.add(Case.bars(
                "hex-number.csv", H + GOOD + row + "0x1p3,101,99,100.5,1\n", "line 3, field open, value 0x1p3"));
        c.add(Case.bars(
                "negative-volume.csv", H + GOOD + row + "100,101,99,100.5,-1\n", "line 3, field volume, value -1"));
        c.add(Case.bars(
                "nan-volume.csv", H + GOOD + row + "100,101,99,100.5,NaN\n", "line 3, field volume, value NaN"));
        c.add(Case.bars(
                "bad-month.csv",
                H + GOOD + "2024-13-01T06:00:00Z,AAA,1h,100,101,99,100.5,1\n",
                "line 3, field timestamp, value 2024-13-01T06:00:00Z"));
        c.add(Case.bars(
                "impossible-date.csv",
                H + GOOD + "2024-02-30,AAA,1d,100,101,99,100.5,1\n",
                "line 3, field timestamp, value 2024-02-30"));
        c.add(Case.bars(
                "misaligned.csv",
                H + GOOD + "2024-03-01T06:30:00Z,AAA,1h,100,101,99,100.5,1\n",
                "line 3, field timestamp, value 2024-03-01T06:30:00Z: timestamp must be a 1h bar open time"));
        c.add(Case.bars(
                "fractional-second.csv",
                H + GOOD + "2024-03-01T06:00:00.5Z,AAA,1m,100,101,99,100.5,1\n",
                "line 3, field timestamp, value 2024-03-01T06:00:00.5Z"));
        c.add(Case.bars(
                "duplicate.csv",
                H + GOOD + "2024-03-01T07:00:00Z,AAA,1h,100,101,99,100.5,1\n" + GOOD,
                "line 4, field timestamp, value 2024-03-01T05:00:00Z: duplicate of line 2"));
        c.add(Case.bars(
                "duplicate-alias.csv",
                H + GOOD + "2024-03-01T05:00:00Z,AAA,60m,100,101,99,100.5,1\n",
                "line 3, field timestamp, value 2024-03-01T05:00:00Z: duplicate of line 2"));
        c.add(Case.bars(
                "too-few-columns.csv",
                H + GOOD + row + "100,101,99,100.5\n",
                "line 3, field row, value 2024-03-01T06:00:00Z,AAA,1h,100,101,99,100.5: expected 8 fields"));
        c.add(Case.bars(
                "too-many-columns.csv",
                H + GOOD + row + "100,101,99,100.5,1,7\n",
                "line 3, field row, value 2024-03-01T06:00:00Z,AAA,1h,100,101,99,100.5,1,7: expected 8 fields"));
        c.add(Case.bars(
                "unterminated-quote.csv",
                H + GOOD + "\"2024-03-01T06:00:00Z,AAA,1h,100,101,99,100.5,1\n",
                "line 3, field row"));
        c.add(Case.bars("empty.csv", "", "line 1, field header, value : empty file"));
        c.add(Case.bars("blank-lines-only.csv", "\n\n  \n", "line 1, field header, value : empty file"));
        c.add(Case.bars(
                "header-only.csv",
                H,
                "line 1, field header, value timestamp,symbol,interval,open,high,low,close,volume: no data rows"));
        c.add(Case.bars(
                "missing-column.csv",
                "timestamp,symbol,interval,open,high,low,close\n" + GOOD,
                "line 1, field header, value timestamp,symbol,interval,open,high,low,close: missing column(s) volume"));
        c.add(Case.bars(
                "no-header.csv",
                GOOD + GOOD,
                "line 1, field header, value 2024-03-01T05:00:00Z,AAA,1h,100,101,99,100.5,1000: missing column(s)"));
        c.add(Case.bars(
                "unknown-symbol.csv",
                H + GOOD + "2024-03-01T06:00:00Z,ZZZ,1h,100,101,99,100.5,1\n",
                "line 3, field symbol, value ZZZ: unknown symbol"));
        c.add(Case.bars(
                "malformed-symbol.csv",
                H + GOOD + "2024-03-01T06:00:00Z,AA PL,1h,100,101,99,100.5,1\n",
                "line 3, field symbol, value AA PL"));
        c.add(Case.bars(
                "unknown-interval.csv",
                H + GOOD + "2024-03-01T06:00:00Z,AAA,7m,100,101,99,100.5,1\n",
                "line 3, field interval, value 7m"));
        c.add(Case.bars(
                "year-1900.csv",
                H + "1900-01-01,AAA,1d,100,101,99,100.5,1\n2200-01-01,AAA,1d,100,101,99,100.5,1\n",
                "line 2, field timestamp, value 1900-01-01: timestamp must be from 1970-01-01T00:00:00Z"));
        c.add(Case.bars(
                "year-2200.csv",
                H + GOOD + "2200-01-01,AAA,1d,100,101,99,100.5,1\n",
                "line 3, field timestamp, value 2200-01-01: timestamp must be from"));
        c.add(Case.bars(
                "epoch-before-1970.csv",
                H + GOOD + "-86400,AAA,1d,100,101,99,100.5,1\n",
                "line 3, field timestamp, value -86400: timestamp must be from"));
        c.add(Case.bars(
                "epoch-year-2286.csv",
                H + GOOD + "9999999960,AAA,1m,100,101,99,100.5,1\n",
                "line 3, field timestamp, value 9999999960: timestamp must be from"));
        c.add(Case.bars(
                "local-time.csv",
                H + GOOD + "2024-03-10 02:30:00,AAA,1h,100,101,99,100.5,1\n",
                "line 3, field timestamp, value 2024-03-10 02:30:00: timestamp has no UTC offset"));
        c.add(Case.bars(
                "formula-symbol.csv",
                H + GOOD + "2024-03-01T06:00:00Z,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1h,1,1,1,1,1\n",
                "line 3, field symbol, value =HYPERLINK(\"http://x\",\"y\")"));
        c.add(Case.bars(
                "control-chars.csv",
                H + GOOD + "2024-03-01T06:00:00Z,A\u001b[31mB\u0007,1h,1,1,1,1,1\n",
                "line 3, field symbol, value A\\x1b[31mB\\x07: symbol must match"));
        c.add(Case.bars(
                "bidi-override.csv",
                H + GOOD + "2024-03-01T06:00:00Z,A\u202eB,1h,1,1,1,1,1\n",
                "line 3, field symbol, value A\\u202eB"));
        c.add(Case.bars(
                "nul-byte.csv",
                H + GOOD + "2024-03-01T06:00:00Z,AAA,1h,1\u0000,1,1,1,1\n",
                "line 3, field open, value 1\\x00"));
        c.add(Case.bars(
                "crlf-bad.csv",
                (H + GOOD + row + "100,101,99,100.5,-2\n").replace("\n", "\r\n"),
                "line 3, field volume, value -2"));
        c.add(Case.bars("giant-line.csv", H + GOOD + "x".repeat(300_000), "line 3, field row, value xxxxxxxx"));
        c.add(new Case("latin1.csv", latin1(), false, "latin1.csv is not UTF-8 text"));
        c.add(new Case("utf16.csv", utf16(false), false, "line 1, field header, value t\\x00i\\x00m\\x00"));
        c.add(new Case("utf16-bom.csv", utf16(true), false, "utf16-bom.csv is not UTF-8 text"));
        c.add(new Case("binary.bin", binary(), false, "binary.bin is not UTF-8 text"));
        c.add(Case.ticks(
                "ticks-out-of-order.csv",
                T + GOOD_TICK + "2024-03-01T04:00:00Z,10,1,,,,\n",
                "line 3, field timestamp, value 2024-03-01T04:00:00Z: ticks must be in time order"));
        c.add(Case.ticks(
                "ticks-negative-price.csv",
                T + GOOD_TICK + "2024-03-01T06:00:00Z,-10,1,,,,\n",
                "line 3, field price, value -10"));
        c.add(Case.ticks(
                "ticks-1900.csv",
                T + "1900-01-01T00:00:00Z,10,1,,,,\n",
                "line 2, field timestamp, value 1900-01-01T00:00:00Z: timestamp must be from"));
        c.add(Case.ticks(
                "ticks-1e308.csv",
                T + GOOD_TICK + "2024-03-01T06:00:00Z,1e308,1,,,,\n",
                "line 3, field price, value 1e308"));
        c.add(Case.ticks(
                "ticks-bad-bid.csv",
                T + GOOD_TICK + "2024-03-01T06:00:00Z,10,1,-1,10.1,5,5\n",
                "line 3, field bid, value -1"));
        c.add(Case.ticks(
                "ticks-local-time.csv",
                T + "2024-03-01 06:00:00,10,1,,,,\n",
                "line 2, field timestamp, value 2024-03-01 06:00:00: timestamp has no UTC offset"));
        c.add(Case.ticks(
                "ticks-bad-header.csv",
                "when,what\n1,2\n",
                "line 1, field header, value when,what: expected timestamp,price,amount"));
        return c;
    }

    private static byte[] latin1() {
        return (H + "2024-03-01T06:00:00Z,AAA,1h,100,101,99,100.5,1 caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] utf16(boolean bom) {
        return ((bom ? "\uFEFF" : "") + H + GOOD).getBytes(StandardCharsets.UTF_16LE);
    }

    private static byte[] binary() {
        byte[] b = new byte[4096];
        new java.util.Random(16).nextBytes(b);
        b[0] = (byte) 0xC3; // a lead byte followed by a non-continuation: never valid UTF-8
        b[1] = (byte) 0x28;
        return b;
    }

    @Test
    void ingest_everyCorpusFile_exits2NamingWhereAndLeavesTheStoreUnchanged() throws Exception {
        List<Case> corpus = corpus();
        String before = StoreChecksum.of(PG.jdbcUrl());
        List<String> failures = new ArrayList<>();
        int refused = 0;
        int located = 0;
        long t0 = System.nanoTime();
        for (Case c : corpus) {
            Path f = Files.write(home.resolve(c.file()), c.content());
            CliRun r = c.ticks()
                    ? dgas("ingest", "ticks", f.toString(), "--symbol", "AAA")
                    : dgas("ingest", "bars", f.toString());
            String first = r.err().lines().findFirst().orElse("");
            boolean ok = r.code() == 2
                    && first.startsWith("error: " + c.file())
                    && first.contains(c.expected())
                    && !r.err().contains("\tat ")
                    && !r.err().matches("(?s).*[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202e].*");
            refused += r.code() == 2 ? 1 : 0;
            located += first.contains(" line ") && first.contains(", field ") && first.contains(", value ") ? 1 : 0;
            if (!ok) {
                failures.add(c.file() + ": exit " + r.code() + ", stderr: " + r.err());
            }
            String now = StoreChecksum.of(PG.jdbcUrl());
            if (!now.equals(before)) {
                failures.add(c.file() + ": the store changed");
                before = now;
            }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(40);
        assertThat(failures).isEmpty();
        System.out.printf(
                "FAULT bad-input-corpus: %d files, %d refused with exit 2, %d naming line/field/value, checksum"
                        + " unchanged (%s), %d ms%n",
                corpus.size(), refused, located, before.substring(0, 8), millis);
    }

    @Test
    void ingest_100MbLineWithoutLineEndUnder64MbHeap_refusedNotOutOfMemory() throws Exception {
        Path giant = home.resolve("giant.csv");
        try (BufferedWriter w = Files.newBufferedWriter(giant)) {
            w.write(H);
            char[] chunk = "9".repeat(1 << 20).toCharArray();
            for (int i = 0; i < 100; i++) {
                w.write(chunk);
            }
        }
        String before = StoreChecksum.of(PG.jdbcUrl());
        long t0 = System.nanoTime();

        DgasProcess p = DgasProcess.start(
                home,
                Map.of("DGAS_DATABASE_URL", PG.jdbcUrl()),
                List.of("-Xmx64m"),
                "ingest",
                "bars",
                giant.toString());
        int code = p.waitFor(Duration.ofSeconds(120));
        String err = p.stderr();
        long millis = (System.nanoTime() - t0) / 1_000_000;

        assertThat(code).as(err).isEqualTo(2);
        assertThat(err)
                .startsWith("error: giant.csv line 2, field row, value 9999")
                .contains("line longer than 65536 characters (ingest.max_line_length)")
                .doesNotContain("OutOfMemoryError")
                .doesNotContain("\tat ");
        assertThat(StoreChecksum.of(PG.jdbcUrl())).isEqualTo(before);
        System.out.printf(
                "FAULT giant-line: 100 MB line without a line end under -Xmx64m refused with exit %d in %d ms, store"
                        + " unchanged%n",
                code, millis);
    }
}
