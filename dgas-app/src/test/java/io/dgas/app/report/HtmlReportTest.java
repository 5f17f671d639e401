package io.dgas.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    static Report sample() {
        return new Report(
                "dgas SLA report",
                "last 24 h: 2026-03-09 12:00 to 2026-03-10 12:00 UTC",
                Instant.parse("2026-03-10T12:00:00Z"),
                List.of(new Report.Section(
                        "Service levels <&>",
                        List.of(
                                new Report.Figure("cycle success", "90.0 %", "at least 99.0 %", false),
                                new Report.Figure("cycle duration p95", "1,000 ms", "≤ 60,000 ms", true),
                                Report.Figure.of("alert delivery", "no deliveries")),
                        List.of(
                                new Report.Chart(
                                        "Cycle duration p95 per day",
                                        Report.Chart.Kind.LINE,
                                        "ms",
                                        List.of("2026-03-09", "2026-03-10"),
                                        List.of(1000.0, 600.0),
                                        60_000.0),
                                new Report.Chart(
                                        "Cycle success per day",
                                        Report.Chart.Kind.BAR,
                                        "%",
                                        List.of("2026-03-09"),
                                        List.of(75.0),
                                        99.0)),
                        List.of(new Report.Table(
                                "Cycles per day", List.of("day", "cycles"), List.of(List.of("2026-03-09", "4")))))));
    }

    @Test
    void render_sample_escapedVerdictsInWordsAndOneSvgPerChart() {
        String html = HtmlReport.render(sample());

        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(html).contains("<h2>Service levels &lt;&amp;&gt;</h2>");
        assertThat(html).contains("<td class=\"missed\">missed</td>").contains("<td class=\"met\">met</td>");
        assertThat(html.split("<svg ", -1)).hasSize(3);
        // a dot per point of the line, one bar, a dashed target line in each chart
        assertThat(html.split("<circle ", -1)).hasSize(3);
        assertThat(html.split("<rect ", -1)).hasSize(2);
        assertThat(html.split("stroke-dasharray", -1)).hasSize(3);
        assertThat(html).contains("target 60,000").contains("<caption>Cycles per day</caption>");
        assertThat(html).doesNotContain("<script");
    }
}
