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
                .isEqualTo("error: " + file + ":3: field 'high': 9 must be >= max(open, close) (10.5)"
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
