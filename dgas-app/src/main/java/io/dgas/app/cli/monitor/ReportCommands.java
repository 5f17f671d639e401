package io.dgas.app.cli.monitor;

import io.dgas.app.cli.BadArgumentException;
import io.dgas.app.cli.BaseCommand;
import io.dgas.app.cli.Durations;
import io.dgas.app.cli.ExitCodes;
import io.dgas.app.cli.Output;
import io.dgas.app.cli.OutputFile;
import io.dgas.app.report.HtmlReport;
import io.dgas.app.report.PdfReport;
import io.dgas.app.report.Report;
import io.dgas.app.report.ReportService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dgas monitor performance-report|sla-report}: the {@link ReportService}'s reports as text, and with
 * {@code --html}/{@code --pdf} as files with their charts.
 */
final class ReportCommands {
    private ReportCommands() {}

    /** The options and the rendering both reports share. */
    abstract static class ReportCommand extends BaseCommand {
        @Option(names = "--html", paramLabel = "FILE", description = "also write the report as HTML, with its charts")
        Path html;

        @Option(names = "--pdf", paramLabel = "FILE", description = "also write the report as PDF, with its charts")
        Path pdf;

        /** Checks the files before any work, then renders {@code make}'s report: text (or JSON) and the files. */
        Report render(java.util.function.Supplier<Report> make) {
            if (html != null) {
                OutputFile.check("--html", html);
            }
            if (pdf != null) {
                OutputFile.check("--pdf", pdf);
            }
            Report r = make.get();
            if (html != null) {
                OutputFile.write("--html", html, w -> {
                    w.write(HtmlReport.render(r));
                    return null;
                });
            }
            if (pdf != null) {
                OutputFile.writeBytes("--pdf", pdf, out -> PdfReport.write(r, out));
            }
            out().result(r, () -> text(out(), r));
            if (html != null) {
                out().info("wrote " + html);
            }
            if (pdf != null) {
                out().info("wrote " + pdf);
            }
            return r;
        }
    }

    /** The report for people: each section's figures (with target and verdict), then its tables. */
    static void text(Output out, Report r) {
        out.line(r.title() + ", " + r.window());
        for (Report.Section s : r.sections()) {
            out.line("");
            out.line(s.title());
            Map<String, Object> figures = new LinkedHashMap<>();
            for (Report.Figure f : s.figures()) {
                figures.put(
                        f.label(),
                        f.value()
                                + (f.target() == null
                                        ? ""
                                        : "  (target " + f.target()
                                                + (f.met() == null
                                                        ? ")"
                                                        : ": " + (f.missed() ? "MISSED" : f.verdict()) + ")")));
            }
            out.fields(figures);
            for (Report.Table t : s.tables()) {
                out.line("");
                out.line(t.caption());
                out.table(t.headers(), t.rows());
            }
            if (!s.charts().isEmpty()) {
                List<String> titles = new ArrayList<>();
                s.charts().forEach(c -> titles.add(c.title().toLowerCase(java.util.Locale.ROOT)));
                out.line("(charts in --html and --pdf: " + String.join(", ", titles) + ")");
            }
        }
    }

    @Command(
            name = "performance-report",
            description = "Cycle durations and stages, database size, cache hit ratio and the heaviest statements of a"
                    + " window; --html and --pdf add the charts.")
    static final class Performance extends ReportCommand {
        @Option(names = "--lookback", defaultValue = "24h", description = "window, e.g. 1h, 24h, 7d (default 24h)")
        String lookback;

        @Override
        public Integer call() {
            Duration window = Durations.parse("--lookback", lookback);
            Instant now = context().clock().instant();
            render(() -> new ReportService(context().database()).performance(now, window));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "sla-report",
            description = "Cycle success, p95 duration, regularity and alert delivery against targets, overall and per"
                    + " day; exit 1 when a target is missed; --html and --pdf add the charts.")
    static final class Sla extends ReportCommand {
        @Option(names = "--lookback", defaultValue = "7d", description = "window, e.g. 24h, 7d, 30d (default 7d)")
        String lookback;

        @Option(
                names = "--target-success",
                defaultValue = "99",
                description = "least share of cycles ending success, in percent (99)")
        double success;

        @Option(
                names = "--target-p95-ms",
                defaultValue = "60000",
                description = "most 95th-percentile cycle duration in ms (60000)")
        double p95Ms;

        @Option(
                names = "--max-gap",
                description = "longest time without a cycle start, e.g. 2h (default: twice scheduler.interval)")
        String maxGap;

        @Option(
                names = "--target-delivery",
                defaultValue = "99",
                description = "least share of alert deliveries sent, in percent (99)")
        double delivery;

        @Override
        public Integer call() {
            Duration window = Durations.parse("--lookback", lookback);
            if (!(success >= 0 && success <= 100) || !(delivery >= 0 && delivery <= 100)) {
                throw new BadArgumentException("--target-success and --target-delivery are percentages, 0 to 100");
            }
            if (!(p95Ms > 0)) {
                throw new BadArgumentException(
                        "--target-p95-ms", Double.toString(p95Ms), "--target-p95-ms must be above 0");
            }
            Duration gap = maxGap != null
                    ? Durations.parse("--max-gap", maxGap)
                    : ReportService.SlaTargets.defaultMaxGap(config());
            Instant now = context().clock().instant();
            ReportService.SlaTargets targets = new ReportService.SlaTargets(success, p95Ms, gap, delivery);
            Report r = render(() -> new ReportService(context().database()).sla(now, window, targets));
            return r.missed() ? ExitCodes.FAILURE : ExitCodes.OK;
        }
    }
}
