package io.dgas.app.report;

import io.dgas.app.report.Report.Chart;
import io.dgas.app.report.Report.Figure;
import io.dgas.app.report.Report.Section;
import io.dgas.app.report.Report.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A {@link Report} as an A4 PDF (Apache PDFBox): the same sections, figures, charts and tables as {@link HtmlReport},
 * laid out top to bottom with a new page when the next block does not fit. The standard Helvetica fonts need no file;
 * a character they cannot show is written as its ASCII stand-in ({@code ≤} as {@code <=}) or {@code ?}.
 */
public final class PdfReport {
    private static final float MARGIN = 50;
    private static final float CHART_HEIGHT = 150;
    private static final float ROW = 13;
    private static final float[] BLUE = {0f, 0.447f, 0.698f};
    private static final float[] VERMILLION = {0.835f, 0.369f, 0f};
    private static final float[] GREY = {0.34f, 0.38f, 0.42f};
    private static final float[] INK = {0.106f, 0.122f, 0.141f};

    private final PDDocument doc;
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private PDPageContentStream cs;
    private float y;

    private PdfReport(PDDocument doc) {
        this.doc = doc;
    }

    /** Writes {@code r} as a PDF to {@code out} (not closed). */
    public static void write(Report r, OutputStream out) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            doc.getDocumentInformation().setTitle(r.title());
            PdfReport p = new PdfReport(doc);
            p.newPage();
            p.text(p.bold, 18, MARGIN, r.title());
            p.y -= 22;
            p.text(p.regular, 10, MARGIN, r.window() + ". Generated " + r.generatedAt() + ".");
            p.y -= 24;
            for (Section s : r.sections()) {
                p.section(s);
            }
            p.cs.close();
            doc.save(out);
        }
    }

    private void section(Section s) throws IOException {
        room(40);
        text(bold, 14, MARGIN, s.title());
        y -= 20;
        if (!s.figures().isEmpty()) {
            boolean targets = s.figures().stream().anyMatch(f -> f.target() != null);
            List<String> headers =
                    targets ? List.of("figure", "value", "target", "verdict") : List.of("figure", "value");
            List<List<String>> rows = new ArrayList<>();
            for (Figure f : s.figures()) {
                rows.add(
                        targets
                                ? List.of(f.label(), f.value(), f.target() == null ? "" : f.target(), f.verdict())
                                : List.of(f.label(), f.value()));
            }
            table(new Table("", headers, rows));
        }
        for (Chart c : s.charts()) {
            chart(c);
        }
        for (Table t : s.tables()) {
            table(t);
        }
        y -= 8;
    }

    private void table(Table t) throws IOException {
        float size = 8;
        int cols = t.headers().size();
        float[] widths = new float[cols];
        List<List<String>> all = new ArrayList<>();
        all.add(t.headers());
        all.addAll(t.rows().isEmpty() ? List.of(pad(List.of("none"), cols)) : t.rows());
        for (int r = 0; r < all.size(); r++) {
            for (int i = 0; i < cols; i++) {
                widths[i] = Math.max(
                        widths[i],
                        width(r == 0 ? bold : regular, size, all.get(r).get(i)) + 10);
            }
        }
        // wider than the page: the widest column gives way and its cells are cut
        float total = 0;
        for (float w : widths) {
            total += w;
        }
        float page = PDRectangle.A4.getWidth() - 2 * MARGIN;
        if (total > page) {
            int widest = 0;
            for (int i = 1; i < cols; i++) {
                widest = widths[i] > widths[widest] ? i : widest;
            }
            widths[widest] = Math.max(40, widths[widest] - (total - page));
        }
        if (!t.caption().isEmpty()) {
            room(ROW * 3);
            text(bold, 9, MARGIN, t.caption());
            y -= ROW;
        }
        for (int r = 0; r < all.size(); r++) {
            room(ROW);
            float x = MARGIN;
            for (int i = 0; i < cols; i++) {
                text(
                        r == 0 ? bold : regular,
                        size,
                        x,
                        fit(r == 0 ? bold : regular, size, all.get(r).get(i), widths[i] - 6));
                x += widths[i];
            }
            colour(GREY, true);
            cs.setLineWidth(0.3f);
            cs.moveTo(MARGIN, y - 3);
            cs.lineTo(x, y - 3);
            cs.stroke();
            y -= ROW;
        }
        y -= 8;
    }

    private void chart(Chart c) throws IOException {
        room(CHART_HEIGHT + 50);
        text(bold, 9, MARGIN, c.title() + " (" + c.unit() + ")");
        y -= 14;
        if (c.values().isEmpty()) {
            text(regular, 8, MARGIN, "no data in the window");
            y -= ROW + 8;
            return;
        }
        float left = MARGIN + 50;
        float plotWidth = PDRectangle.A4.getWidth() - MARGIN - left;
        float top = y;
        float base = y - CHART_HEIGHT;
        ChartScale s = new ChartScale(c, plotWidth, CHART_HEIGHT);
        colour(GREY, true);
        cs.setLineWidth(0.6f);
        cs.moveTo(left, top);
        cs.lineTo(left, base);
        cs.lineTo(left + plotWidth, base);
        cs.stroke();
        textRight(regular, 7, left - 4, top - 6, ChartScale.label(s.max()));
        textRight(regular, 7, left - 4, base, "0");
        int n = c.values().size();
        if (c.kind() == Chart.Kind.BAR) {
            colour(BLUE, false);
            for (int i = 0; i < n; i++) {
                cs.addRect(left + (float) s.barX(i), base, (float) s.barWidth(), (float)
                        s.height(c.values().get(i)));
            }
            cs.fill();
        } else {
            colour(BLUE, true);
            cs.setLineWidth(1.5f);
            for (int i = 0; i < n; i++) {
                float px = left + (float) s.pointX(i);
                float py = base + (float) s.height(c.values().get(i));
                if (i == 0) {
                    cs.moveTo(px, py);
                } else {
                    cs.lineTo(px, py);
                }
            }
            cs.stroke();
            // a dot per point: a single point is a chart too
            colour(BLUE, false);
            for (int i = 0; i < n; i++) {
                cs.addRect(
                        left + (float) s.pointX(i) - 1.5f,
                        base + (float) s.height(c.values().get(i)) - 1.5f,
                        3,
                        3);
            }
            cs.fill();
        }
        if (c.target() != null) {
            float ty = base + (float) s.height(c.target());
            colour(VERMILLION, true);
            cs.setLineWidth(1f);
            cs.setLineDashPattern(new float[] {6, 4}, 0);
            cs.moveTo(left, ty);
            cs.lineTo(left + plotWidth, ty);
            cs.stroke();
            cs.setLineDashPattern(new float[] {}, 0);
            textRight(regular, 7, left + plotWidth, ty + 3, "target " + ChartScale.label(c.target()));
        }
        y = base - 10;
        text(regular, 7, left, c.labels().get(0));
        if (n > 1) {
            textRight(regular, 7, left + plotWidth, y, c.labels().get(n - 1));
        }
        y -= 18;
    }

    /** Starts a new page when less than {@code needed} points are left above the bottom margin. */
    private void room(float needed) throws IOException {
        if (y - needed < MARGIN) {
            newPage();
        }
    }

    private void newPage() throws IOException {
        if (cs != null) {
            cs.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        cs = new PDPageContentStream(doc, page);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private void text(PDType1Font font, float size, float x, String s) throws IOException {
        textAt(font, size, x, y, s);
    }

    private void textRight(PDType1Font font, float size, float right, float at, String s) throws IOException {
        textAt(font, size, right - width(font, size, s), at, s);
    }

    private void textAt(PDType1Font font, float size, float x, float at, String s) throws IOException {
        colour(INK, false);
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, at);
        cs.showText(shown(font, s));
        cs.endText();
    }

    private void colour(float[] rgb, boolean stroke) throws IOException {
        if (stroke) {
            cs.setStrokingColor(rgb[0], rgb[1], rgb[2]);
        } else {
            cs.setNonStrokingColor(rgb[0], rgb[1], rgb[2]);
        }
    }

    private float width(PDType1Font font, float size, String s) throws IOException {
        return font.getStringWidth(shown(font, s)) / 1000 * size;
    }

    /** {@code s} cut with "..." to fit {@code max} points. */
    private String fit(PDType1Font font, float size, String s, float max) throws IOException {
        if (width(font, size, s) <= max) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && width(font, size, t + "...") > max) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "...";
    }

    /** The text in characters the standard font can show: ASCII stand-ins for the few others used here, else ?. */
    static String shown(PDType1Font font, String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String stand = switch (c) {
                case '≤' -> "<=";
                case '≥' -> ">=";
                case '…' -> "...";
                case '–', '—' -> "-";
                case 'Σ' -> "sum";
                case '\n', '\r', '\t' -> " ";
                default -> null;
            };
            if (stand != null) {
                b.append(stand);
            } else if (encodable(font, c)) {
                b.append(c);
            } else {
                b.append('?');
            }
        }
        return b.toString();
    }

    private static boolean encodable(PDType1Font font, char c) {
        try {
            font.encode(String.valueOf(c));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static List<String> pad(List<String> row, int cols) {
        List<String> r = new ArrayList<>(row);
        while (r.size() < cols) {
            r.add("");
        }
        return r;
    }
}
