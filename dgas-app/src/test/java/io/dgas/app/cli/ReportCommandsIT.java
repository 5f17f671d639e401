package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.testkit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code dgas monitor performance-report|sla-report}: text, JSON, the HTML and PDF files, the SLA's exit code. */
class ReportCommandsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    static Path home;

    @Test
    void slaReport_noCyclesYet_filesWrittenAndExit1ForTheMissedTargets() throws Exception {
        Path html = home.resolve("sla.html");
        Path pdf = home.resolve("sla.pdf");

        CliRun r = CliRun.of(
                home,
                PG.jdbcUrl(),
                Map.of(),
                "monitor",
                "sla-report",
                "--lookback",
                "2d",
                "--html",
                html.toString(),
                "--pdf",
                pdf.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.out())
                .contains("dgas SLA report, last 2 d")
                .contains("cycle success")
                .contains("no cycles  (target at least 99.0 %: MISSED)");
        assertThat(Files.readString(html)).contains("<h1>dgas SLA report</h1>").contains("<svg ");
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(new PDFTextStripper().getText(doc))
                    .contains("Service levels")
                    .contains("missed");
        }
    }

    @Test
    void performanceReport_json_theReportModel() throws Exception {
        CliRun r = CliRun.of(home, PG.jdbcUrl(), Map.of(), "--json", "monitor", "performance-report");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertThat(report.get("title").asText()).isEqualTo("dgas performance report");
        assertThat(report.get("sections").get(0).get("title").asText()).isEqualTo("Prediction cycles");
        assertThat(report.get("sections")
                        .get(1)
                        .get("figures")
                        .get(0)
                        .get("label")
                        .asText())
                .isEqualTo("size");
    }

    @Test
    void slaReport_htmlInAMissingDirectory_usageErrorBeforeAnyWork() {
        CliRun r = CliRun.of(
                home,
                PG.jdbcUrl(),
                Map.of(),
                "monitor",
                "sla-report",
                "--html",
                home.resolve("no/r.html").toString());

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("--html: directory " + home.resolve("no") + " does not exist");
    }
}
