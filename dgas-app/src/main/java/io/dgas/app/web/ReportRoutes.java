package io.dgas.app.web;

import io.dgas.app.AppContext;
import io.dgas.app.report.HtmlReport;
import io.dgas.app.report.PdfReport;
import io.dgas.app.report.Report;
import io.dgas.app.report.ReportService;
import io.dgas.app.web.Param.Type;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * The performance and SLA reports under {@code /api/v1/reports}: the {@link ReportService}'s, as {@code dgas monitor
 * performance-report|sla-report} gives them, in JSON, as the self-contained HTML page or as the PDF ({@code format}).
 */
final class ReportRoutes {
    private static final String REPORT_JSON =
            "{title, window, generated_at, sections: [{title, figures: [{label, value, target, met}], charts: [{title,"
                    + " kind, unit, labels, values, target}], tables: [{caption, headers, rows}]}]}; format html: the"
                    + " page (text/html), pdf: the PDF (application/pdf)";

    private ReportRoutes() {}

    private static Param format() {
        return Param.query("format", Type.ENUM, "json, html or pdf")
                .oneOf(List.of("json", "html", "pdf"))
                .withDefault("json");
    }

    static List<Route> routes(AppContext ctx) {
        return List.of(
                Route.get(
                        "/api/v1/reports/performance",
                        "The performance report of a window: cycle durations and stages, database figures, the"
                                + " heaviest statements",
                        List.of(
                                Param.query("lookback_hours", Type.INT, "window in hours")
                                        .withDefault("24")
                                        .range(1, 24 * 366),
                                format()),
                        REPORT_JSON,
                        (c, a) -> send(
                                c,
                                a.get("format"),
                                new ReportService(ctx.database())
                                        .performance(
                                                ctx.clock().instant(),
                                                Duration.ofHours(a.<Integer>get("lookback_hours"))))),
                Route.get(
                        "/api/v1/reports/sla",
                        "The SLA report of a window: cycle success, p95 duration, regularity and alert delivery"
                                + " against targets, per day",
                        List.of(
                                Param.query("lookback_days", Type.INT, "window in days")
                                        .withDefault("7")
                                        .range(1, 366),
                                Param.query("target_success", Type.NUMBER, "least % of cycles ending success")
                                        .withDefault("99")
                                        .range(0, 100),
                                Param.query("target_p95_ms", Type.NUMBER, "most p95 cycle duration, ms")
                                        .withDefault("60000")
                                        .range(1, 1e9),
                                Param.query(
                                                "max_gap_minutes",
                                                Type.INT,
                                                "longest time without a cycle start (default: twice scheduler.interval)")
                                        .range(1, 366 * 24 * 60),
                                Param.query("target_delivery", Type.NUMBER, "least % of alert deliveries sent")
                                        .withDefault("99")
                                        .range(0, 100),
                                format()),
                        REPORT_JSON,
                        (c, a) -> {
                            Duration gap = a.has("max_gap_minutes")
                                    ? Duration.ofMinutes(a.<Integer>get("max_gap_minutes"))
                                    : ReportService.SlaTargets.defaultMaxGap(ctx.config());
                            ReportService.SlaTargets t = new ReportService.SlaTargets(
                                    a.get("target_success"), a.get("target_p95_ms"), gap, a.get("target_delivery"));
                            return send(
                                    c,
                                    a.get("format"),
                                    new ReportService(ctx.database())
                                            .sla(
                                                    ctx.clock().instant(),
                                                    Duration.ofDays(a.<Integer>get("lookback_days")),
                                                    t));
                        }));
    }

    /** The report as asked: the model (JSON by the table), else the page or the PDF written here. */
    private static Object send(Context c, String format, Report r) {
        switch (format) {
            case "html" -> c.contentType("text/html; charset=utf-8").result(HtmlReport.render(r));
            case "pdf" -> {
                ByteArrayOutputStream pdf = new ByteArrayOutputStream();
                try {
                    PdfReport.write(r, pdf);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                c.contentType("application/pdf").result(pdf.toByteArray());
            }
            default -> {
                return r;
            }
        }
        return Route.NO_BODY;
    }
}
