package io.dgas.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfReportTest {
    @Test
    void write_sample_aPdfWithTheFiguresAndStandInsForWhatHelveticaCannotShow() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        PdfReport.write(HtmlReportTest.sample(), out);

        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("dgas SLA report");
            String text = new PDFTextStripper().getText(doc);
            assertThat(text)
                    .contains("dgas SLA report")
                    .contains("cycle success")
                    .contains("missed")
                    .contains("<= 60,000 ms")
                    .contains("Cycles per day")
                    .contains("target 99.00");
        }
    }
}
