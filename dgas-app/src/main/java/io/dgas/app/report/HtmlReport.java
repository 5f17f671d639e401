package io.dgas.app.report;

import io.dgas.app.report.Report.Chart;
import io.dgas.app.report.Report.Figure;
import io.dgas.app.report.Report.Section;
import io.dgas.app.report.Report.Table;
import java.util.List;
import java.util.Locale;

/**
 * A {@link Report} as one self-contained HTML page: no script, no file beside it (charts are inline SVG with a text
 * title and their figures in a table), so it opens anywhere and prints as it shows. Colours are the Okabe-Ito
 * blue and vermillion, and every verdict is a word.
 */
public final class HtmlReport {
    static final int WIDTH = 640;
    static final int HEIGHT = 220;
    private static final int LEFT = 70;
    private static final int BOTTOM = 30;
    private static final int TOP = 12;

    private HtmlReport() {}

    public static String render(Report r) {
        StringBuilder b = new StringBuilder(16_384);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(r.title()))
                .append(
                        "</title>\n<style>body{font:14px system-ui,sans-serif;margin:24px;color:#1b1f24;max-width:960px}")
                .append("table{border-collapse:collapse;margin:8px 0 16px}th,td{padding:3px 10px;text-align:left;")
                .append("border-bottom:1px solid #d0d7de}th{background:#f6f8fa}td.num{text-align:right}")
                .append(".met{font-weight:bold}.missed{font-weight:bold;text-decoration:underline}")
                .append(
                        "figure{margin:8px 0 16px}figcaption,caption{font-weight:bold;text-align:left}</style></head><body>\n<h1>")
                .append(esc(r.title()))
                .append("</h1>\n<p>")
                .append(esc(r.window()))
                .append(". Generated ")
                .append(esc(r.generatedAt().toString()))
                .append(".</p>\n");
        for (Section s : r.sections()) {
            b.append("<section><h2>").append(esc(s.title())).append("</h2>\n");
            figures(b, s.figures());
            for (Chart c : s.charts()) {
                chart(b, c);
            }
            for (Table t : s.tables()) {
                table(b, t);
            }
            b.append("</section>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private static void figures(StringBuilder b, List<Figure> figures) {
        if (figures.isEmpty()) {
            return;
        }
        boolean targets = figures.stream().anyMatch(f -> f.target() != null);
        b.append("<table><thead><tr><th>figure</th><th>value</th>");
        if (targets) {
            b.append("<th>target</th><th>verdict</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (Figure f : figures) {
            b.append("<tr><td>")
                    .append(esc(f.label()))
                    .append("</td><td>")
                    .append(esc(f.value()))
                    .append("</td>");
            if (targets) {
                b.append("<td>")
                        .append(esc(f.target() == null ? "" : f.target()))
                        .append("</td><td");
                b.append(f.met() == null ? ">" : " class=\"" + f.verdict() + "\">" + f.verdict());
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static void table(StringBuilder b, Table t) {
        b.append("<table><caption>").append(esc(t.caption())).append("</caption><thead><tr>");
        t.headers().forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
        b.append("</tr></thead><tbody>\n");
        if (t.rows().isEmpty()) {
            b.append("<tr><td colspan=\"").append(t.headers().size()).append("\">none</td></tr>\n");
        }
        for (List<String> row : t.rows()) {
            b.append("<tr>");
            row.forEach(c -> b.append("<td>").append(esc(c)).append("</td>"));
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    /** The chart as SVG: y from 0 to the largest value (or target), a dashed target line, first and last labels. */
    private static void chart(StringBuilder b, Chart c) {
        b.append("<figure><figcaption>")
                .append(esc(c.title()))
                .append(" (")
                .append(esc(c.unit()))
                .append(")");
        b.append("</figcaption>\n");
        if (c.values().isEmpty()) {
            b.append("<p>no data in the window</p></figure>\n");
            return;
        }
        ChartScale s = new ChartScale(c, WIDTH - LEFT - 10, HEIGHT - TOP - BOTTOM);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"")
                .append(esc(c.title()))
                .append("\"><title>")
                .append(esc(c.title()))
                .append("</title>\n");
        int x0 = LEFT;
        int y0 = HEIGHT - BOTTOM;
        b.append(line(x0, TOP, x0, y0, "#57606a", null)).append(line(x0, y0, WIDTH - 10, y0, "#57606a", null));
        b.append(text(x0 - 6, TOP + 4, "end", ChartScale.label(s.max())));
        b.append(text(x0 - 6, y0, "end", "0"));
        int n = c.values().size();
        if (c.kind() == Chart.Kind.BAR) {
            for (int i = 0; i < n; i++) {
                double h = s.height(c.values().get(i));
                b.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#0072B2\"><title>%s: %s</title></rect>\n",
                        x0 + s.barX(i),
                        y0 - h,
                        s.barWidth(),
                        h,
                        esc(c.labels().get(i)),
                        ChartScale.label(c.values().get(i))));
            }
        } else {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < n; i++) {
                points.append(String.format(
                        Locale.ROOT,
                        "%.1f,%.1f ",
                        x0 + s.pointX(i),
                        y0 - s.height(c.values().get(i))));
            }
            b.append("<polyline fill=\"none\" stroke=\"#0072B2\" stroke-width=\"2\" points=\"")
                    .append(points.toString().trim())
                    .append("\"/>\n");
            // a dot per point: a single point is a chart too, and each has its value as a tooltip
            for (int i = 0; i < n; i++) {
                b.append(String.format(
                        Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#0072B2\"><title>%s: %s</title></circle>\n",
                        x0 + s.pointX(i),
                        y0 - s.height(c.values().get(i)),
                        esc(c.labels().get(i)),
                        ChartScale.label(c.values().get(i))));
            }
        }
        if (c.target() != null) {
            double ty = y0 - s.height(c.target());
            b.append(line(x0, ty, WIDTH - 10, ty, "#D55E00", "6 4"));
            b.append(text(WIDTH - 12, ty - 4, "end", "target " + ChartScale.label(c.target())));
        }
        b.append(text(x0, HEIGHT - 10, "start", c.labels().get(0)));
        if (n > 1) {
            b.append(text(WIDTH - 10, HEIGHT - 10, "end", c.labels().get(n - 1)));
        }
        b.append("</svg></figure>\n");
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String dash) {
        return String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>\n",
                x1,
                y1,
                x2,
                y2,
                colour,
                dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
    }

    private static String text(double x, double y, String anchor, String s) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"%s\">%s</text>\n",
                x,
                y,
                anchor,
                esc(s));
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
