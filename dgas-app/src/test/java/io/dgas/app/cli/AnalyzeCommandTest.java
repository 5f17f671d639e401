package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dgas analyze --bars FILE}: no database involved. */
class AnalyzeCommandTest {
    @TempDir
    Path dir;

    @Test
    void analyzeFile_fewerBarsThanTheStateWarmUp_printsRowsWithEmptyState() throws IOException {
        // 6 bars: PLdot and the envelope exist from bar 3 on, a market state needs more history (drummond.md §3)
        StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        for (int i = 0; i < 6; i++) {
            double c = 100 + i * 0.5;
            csv.append(String.format(
                    "2024-01-01T%02d:00:00Z,TINY,1h,%.2f,%.2f,%.2f,%.2f,1000%n", i, c - 0.2, c + 0.4, c - 0.5, c));
        }
        Path file = Files.writeString(dir.resolve("tiny.csv"), csv);
        Run r = run("analyze", "--bars", file.toString());

        assertThat(r.err()).doesNotContain("Exception");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("TINY 1h: 6 bars").contains("2024-01-01T05:00:00Z");
    }

    @Test
    void analyzeFile_aBarIngestWouldRefuse_exits2NamingFileLineFieldAndValue() throws IOException {
        Path file = Files.writeString(
                dir.resolve("bad.csv"),
                "timestamp,symbol,interval,open,high,low,close,volume\n"
                        + "2024-01-02T00:00:00Z,ZZZ,1d,10,11,9,10.5,100\n"
                        + "2024-01-03T00:00:00Z,ZZZ,1d,10,9,9,10.5,100\n"
                        + "2024-01-04T00:00:00Z,ZZZ,1d,10,11,9,10.5,100\n");
        Run r = run("analyze", "--bars", file.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("error: " + file + " line 3, field high, value 9: high must be >= max(open, close) (10.5)"
                        + System.lineSeparator());
        assertThat(r.out()).isEmpty();

        // --json: the same failure as one object naming the line, the field and the value
        com.fasterxml.jackson.databind.JsonNode e = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run("--json", "analyze", "--bars", file.toString()).err());
        assertThat(e.get("exit_code").asInt()).isEqualTo(2);
        assertThat(e.get("line").asInt()).isEqualTo(3);
        assertThat(e.get("parameter").asText()).isEqualTo("high");
        assertThat(e.get("value").asText()).isEqualTo("9");
    }

    @Test
    void analyzeFile_expiryBarsOption_reachesTheSignalsFileAndBadValuesAreRefused() throws IOException {
        StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        double c = 100;
        for (int i = 0; i < 400; i++) {
            double o = c;
            c = Math.max(5, c + r.nextGaussian() * 0.8);
            csv.append(String.format(
                    java.util.Locale.ROOT,
                    "%s,WALK,1h,%.2f,%.2f,%.2f,%.2f,1000%n",
                    java.time.Instant.ofEpochSecond(1_704_067_200L + i * 3600L),
                    o,
                    Math.max(o, c) + 0.3,
                    Math.min(o, c) - 0.3,
                    c));
        }
        Path file = Files.writeString(dir.resolve("walk.csv"), csv);
        Path out = dir.resolve("out");

        Run done =
                run("analyze", "--bars", file.toString(), "--htf", "4h", "--out", out.toString(), "--expiry-bars", "3");
        Run bad = run("analyze", "--bars", file.toString(), "--entry-reach-atr", "0");

        assertThat(done.code()).isZero();
        String signals = Files.readString(out.resolve("signals.json"));
        assertThat(signals).contains("\"expiry_bars\": 3").doesNotContain("\"expiry_bars\": 5");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--entry-reach-atr must be a number > 0 and at most 100");
    }

    @Test
    void analyzeFile_aFileIngestReads_isAnalysedInTimeOrder() throws IOException {
        // Yahoo Finance's download: date alone, an extra column, newest first; the symbol and interval given
        StringBuilder yahoo = new StringBuilder("Date,Open,High,Low,Close,Adj Close,Volume\n");
        // Binance's klines: epoch milliseconds
        StringBuilder binance = new StringBuilder("timestamp,open,high,low,close,volume\n");
        for (int i = 29; i >= 0; i--) {
            double c = 100 + i;
            yahoo.append(String.format(
                    java.util.Locale.ROOT,
                    "%s,%.2f,%.2f,%.2f,%.2f,%.2f,1000%n",
                    java.time.LocalDate.of(2024, 1, 1).plusDays(i),
                    c - 0.5,
                    c + 1,
                    c - 1,
                    c,
                    c * 0.99));
            binance.append(String.format(
                    java.util.Locale.ROOT,
                    "%d,%.2f,%.2f,%.2f,%.2f,5%n",
                    (1_704_067_200L + i * 3600L) * 1000,
                    c - 0.5,
                    c + 1,
                    c - 1,
                    c));
        }
        Path y = Files.writeString(dir.resolve("yahoo.csv"), yahoo);
        Path b = Files.writeString(dir.resolve("binance.csv"), binance);

        Run daily = run("analyze", "--bars", y.toString(), "--symbol", "msft", "--interval", "D", "--rows", "1");
        Run hourly = run("analyze", "--bars", b.toString(), "--symbol", "BTCUSDT", "--interval", "1h", "--rows", "1");
        Run noInterval = run("analyze", "--bars", y.toString(), "--symbol", "MSFT");

        assertThat(daily.code()).as(daily.err()).isZero();
        // the newest bar last: the file's first line, 2024-01-30 at 129
        assertThat(daily.out()).contains("MSFT 1d: 30 bars").contains("2024-01-30T00:00:00Z  129.0000");
        assertThat(hourly.code()).as(hourly.err()).isZero();
        assertThat(hourly.out()).contains("BTCUSDT 1h: 30 bars").contains("2024-01-02T05:00:00Z  129.0000");
        assertThat(noInterval.code()).isEqualTo(2);
        assertThat(noInterval.err()).contains("has no interval column: give --symbol and --interval");
    }

    @Test
    void analyzeFile_adjusted_analysesTheAdjustedCloses() throws IOException {
        // a 2-for-1 split halfway: the closes as written jump from ~200 to ~100, the adjusted ones do not
        StringBuilder csv = new StringBuilder("Date,Open,High,Low,Close,Adj Close,Volume\n");
        for (int i = 0; i < 20; i++) {
            double adj = 100 + i * 0.25;
            double written = i < 10 ? adj * 2 : adj;
            csv.append(String.format(
                    java.util.Locale.ROOT,
                    "%s,%.2f,%.2f,%.2f,%.2f,%.2f,10%n",
                    java.time.LocalDate.of(2024, 6, 3).plusDays(i),
                    written,
                    written * 1.01,
                    written * 0.99,
                    written,
                    adj));
        }
        Path file = Files.writeString(dir.resolve("split.csv"), csv);
        String[] base = {"analyze", "--bars", file.toString(), "--symbol", "SPLT", "--interval", "1d", "--rows", "20"};

        Run adjusted = run(concat(base, "--adjusted"));
        Run stored = run("analyze", "SPLT", "--adjusted");

        assertThat(adjusted.code()).as(adjusted.err()).isZero();
        // the first bar's close is its adjusted close, 100, not the 200 written
        assertThat(adjusted.out()).contains("2024-06-03T00:00:00Z  100.0000").doesNotContain("200.0000");
        assertThat(stored.code()).isEqualTo(2);
        assertThat(stored.err()).contains("--adjusted read a --bars file");
    }

    @Test
    void analyzeFile_repeatedBarTimeOrSecondSeries_exits2NamingTheLines() throws IOException {
        String h = "timestamp,symbol,interval,open,high,low,close,volume\n";
        Path dup = Files.writeString(
                dir.resolve("dup.csv"),
                h + "2024-01-02T00:00:00Z,ZZZ,1d,10,11,9,10.5,100\n"
                        + "2024-01-03T00:00:00Z,ZZZ,1d,10,11,9,10.5,100\n"
                        + "2024-01-02T00:00:00Z,ZZZ,1d,10,12,9,10.5,100\n");
        Path two = Files.writeString(
                dir.resolve("two.csv"),
                h + "2024-01-02T00:00:00Z,ZZZ,1d,10,11,9,10.5,100\n"
                        + "2024-01-02T00:00:00Z,YYY,1d,10,11,9,10.5,100\n");

        Run d = run("analyze", "--bars", dup.toString());
        Run t = run("analyze", "--bars", two.toString());

        assertThat(d.code()).isEqualTo(2);
        assertThat(d.err()).contains(dup + " line 4, field timestamp, value 2024-01-02T00:00:00Z: duplicate of line 2");
        assertThat(t.code()).isEqualTo(2);
        assertThat(t.err()).contains(two + " line 3, field symbol, value YYY: a file analysed holds one series");
    }

    @Test
    void analyzeFile_higherTimeframeFileWithoutIntervalColumn_takesHtf() throws IOException {
        StringBuilder hourly = new StringBuilder("date,open,high,low,close,volume\n");
        StringBuilder fourHourly = new StringBuilder("date,open,high,low,close,volume\n");
        for (int i = 0; i < 120; i++) {
            double c = 100 + Math.sin(i / 5.0) * 4;
            String row = String.format(java.util.Locale.ROOT, ",%.2f,%.2f,%.2f,%.2f,10%n", c, c + 1, c - 1, c);
            hourly.append(java.time.Instant.ofEpochSecond(1_704_067_200L + i * 3600L))
                    .append(row);
            if (i % 4 == 0) {
                fourHourly
                        .append(java.time.Instant.ofEpochSecond(1_704_067_200L + i * 3600L))
                        .append(row);
            }
        }
        Path h = Files.writeString(dir.resolve("h.csv"), hourly);
        Path h4 = Files.writeString(dir.resolve("h4.csv"), fourHourly);
        String[] base = {"analyze", "--bars", h.toString(), "--symbol", "W", "--interval", "1h", "--htf-bars"};

        Run ok = run(concat(base, h4.toString(), "--htf", "4h"));
        Run wrong = run(concat(base, h4.toString(), "--htf", "1d"));

        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("W 1h: 120 bars, higher timeframe 4h (30 complete bars)");
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err())
                .contains(h4 + " line 3, field date, value 2024-01-01T04:00:00Z: date must be a 1d bar open time");
    }

    @Test
    void analyzeFile_higherFileNotCoarserThanTheTradingOne_exits2NamingTheOptionAndWritesNothing() throws IOException {
        Path hourly = barsFile("h1.csv", "1h", 200, true);
        Path otherHourly = barsFile("h1b.csv", "1h", 200, true);
        Path fourHourly = barsFile("h4.csv", "4h", 60, true);
        Path out = dir.resolve("out");

        Run same = run("analyze", "--bars", hourly.toString(), "--htf-bars", otherHourly.toString(), "--out", "" + out);
        Run finer = run("analyze", "--bars", fourHourly.toString(), "--htf-bars", hourly.toString());

        assertThat(same.code()).as(same.err()).isEqualTo(2);
        assertThat(same.err())
                .isEqualTo("error: --htf-bars " + otherHourly + " (1h): higher timeframe 1h is not coarser than and a"
                        + " whole multiple of the trading timeframe 1h; accepted: [4h, 1d, 1w]"
                        + System.lineSeparator());
        assertThat(out).doesNotExist();
        assertThat(finer.code()).as(finer.err()).isEqualTo(2);
        assertThat(finer.err())
                .startsWith("error: --htf-bars " + hourly + " (1h): higher timeframe 1h is not coarser than and a"
                        + " whole multiple of the trading timeframe 4h");
    }

    @Test
    void analyzeFile_higherFileWithoutIntervalColumnNorHtf_asksForHtf() throws IOException {
        Path hourly = barsFile("h1.csv", "1h", 200, false);
        Path fourHourly = barsFile("h4.csv", "4h", 60, false);

        String[] args = {
            "analyze", "--bars", "" + hourly, "--symbol", "BTC", "--interval", "1h", "--htf-bars", "" + fourHourly
        };

        Run r = run(args);
        Run json = run(concat(new String[] {"--json"}, args));

        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo(
                        "error: " + fourHourly + " (--htf-bars) has no interval column: give its timeframe with --htf"
                                + System.lineSeparator());
        assertThat(json.err()).contains("\"parameter\":\"htf\"");
    }

    @Test
    void analyzeFile_outFileTakenByADirectory_exits2NamingItAndWritesNothing() throws IOException {
        Path bars = barsFile("h1.csv", "1h", 200, true);
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createDirectory(out.resolve("states.csv"));
        Path old = Files.writeString(out.resolve("pldot.csv"), "an earlier run's\n");

        Run r = run("analyze", "--bars", bars.toString(), "--htf", "4h", "--out", out.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("error: --out " + out + ": cannot write " + out.resolve("states.csv")
                        + ": a directory is in its place" + System.lineSeparator());
        try (java.util.stream.Stream<Path> left = Files.list(out)) {
            assertThat(left)
                    .as("nothing written, nothing left behind")
                    .containsExactlyInAnyOrder(out.resolve("states.csv"), old);
        }
        assertThat(old).hasContent("an earlier run's");
    }

    @Test
    void analyzeFile_outIsAFile_exits2SayingItIsNotADirectory() throws IOException {
        Path bars = barsFile("h1.csv", "1h", 200, true);
        Path file = Files.writeString(dir.resolve("afile"), "mine");

        Run r = run("analyze", "--bars", bars.toString(), "--out", file.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: --out " + file + " is a file, not a directory" + System.lineSeparator());
        assertThat(file).hasContent("mine");
    }

    /** {@code n} bars of {@code tf} (1h or 4h) from 2024-01-01, with the symbol and interval columns or without. */
    private Path barsFile(String name, String tf, int n, boolean columns) throws IOException {
        long step = tf.equals("4h") ? 4 * 3600L : 3600L;
        StringBuilder csv = new StringBuilder(
                columns
                        ? "timestamp,symbol,interval,open,high,low,close,volume\n"
                        : "date,open,high,low,close,volume\n");
        for (int i = 0; i < n; i++) {
            double c = 100 + i % 7;
            csv.append(java.time.Instant.ofEpochSecond(1_704_067_200L + i * step))
                    .append(columns ? ",BTC," + tf : "")
                    .append(String.format(java.util.Locale.ROOT, ",%.2f,%.2f,%.2f,%.2f,10%n", c, c + 1, c - 1, c));
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private record Run(int code, String out, String err) {}

    /** {@code dgas} with {@code args}, its home the test's folder. */
    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DgasCommand.run(
                args, Map.of("DGAS_HOME", dir.toString()), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }
}
