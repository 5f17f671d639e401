package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.domain.Timeframe;
import io.dgas.testkit.BarsBuilder;
import io.dgas.testkit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dgas analyze SYMBOL --out DIR} writes {@code signals.json} with the signal options given (and the
 * {@code signals.*} keys), as the table it prints does: before, the files were judged with the defaults.
 */
class AnalyzeStoredSignalParamsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.of(Map.of("DGAS_HOME", home.toString(), "DGAS_DATABASE_URL", PG.jdbcUrl()), args);
    }

    private JsonNode signals(Path out) throws Exception {
        return new ObjectMapper()
                .readTree(out.resolve("WAVS").resolve("signals.json").toFile());
    }

    @Test
    void analyzeStored_minRewardRiskBeyondEveryTarget_writesNoSignals() throws Exception {
        double[] closes = new double[400];
        for (int i = 0; i < closes.length; i++) {
            closes[i] = 100 * (1 + 0.0015 * i + 0.04 * Math.sin(i / 7.0) + 0.01 * Math.sin(i * 1.3));
        }
        Path csv = home.resolve("wavs.csv");
        Files.writeString(
                csv,
                BarsBuilder.of("WAVS", Timeframe.H1, "2025-01-06T00:00:00Z")
                        .closes(closes)
                        .csv());
        assertThat(run("ingest", "bars", csv.toString(), "--create-symbols").code())
                .isZero();
        Path plain = home.resolve("plain");
        Path strict = home.resolve("strict");

        CliRun a = run("analyze", "WAVS", "--lookback", "400", "--out", plain.toString());
        // every signal's reward:risk is 2 (signals.reward_risk) or less once capped: none reaches 100
        CliRun b = run("analyze", "WAVS", "--lookback", "400", "--out", strict.toString(), "--min-reward-risk", "100");

        assertThat(a.code()).as(a.err()).isZero();
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(signals(plain).get("signal_count").asInt())
                .as("with the defaults")
                .isPositive();
        assertThat(signals(strict).get("signal_count").asInt()).isZero();
        assertThat(signals(strict).get("signals")).isEmpty();
    }
}
