package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /api/v1/reports/…}: the reports of {@code dgas monitor} as JSON, HTML and PDF. */
class ReportApiIT {
    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of());

    @Test
    void sla_json_theReportWithItsTargets() throws Exception {
        JsonNode r = api.json("/api/v1/reports/sla?lookback_days=2&target_success=95&max_gap_minutes=90", 200);

        assertThat(r.get("title").asText()).isEqualTo("dgas SLA report");
        JsonNode levels = r.get("sections").get(0).get("figures");
        assertThat(levels.get(1).get("label").asText()).isEqualTo("cycle success");
        assertThat(levels.get(1).get("target").asText()).isEqualTo("at least 95.0 %");
        assertThat(levels.get(3).get("target").asText()).isEqualTo("at most 1 h 30 min");
        assertThat(r.get("sections").get(1).get("tables").get(0).get("rows")).hasSize(3);
    }

    @Test
    void performance_htmlAndPdf_servedAsThePageAndTheDocument() throws Exception {
        HttpResponse<String> html = api.get("/api/v1/reports/performance?format=html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(html.body()).contains("<h1>dgas performance report</h1>");

        HttpResponse<byte[]> pdf = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.server.port()
                                        + "/api/v1/reports/performance?format=pdf&lookback_hours=6"))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("last 6 h").contains("Prediction cycles");
        }
    }

    @Test
    void badFormat_400NamingIt() throws Exception {
        JsonNode e = api.json("/api/v1/reports/sla?format=docx", 400);

        assertThat(e.get("parameter").asText()).isEqualTo("format");
        assertThat(e.get("accepted")).hasSize(3);
    }
}
