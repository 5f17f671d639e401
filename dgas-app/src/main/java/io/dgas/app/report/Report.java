package io.dgas.app.report;

import java.time.Instant;
import java.util.List;

/**
 * A report as data (the performance and SLA reports of {@code dgas monitor … -report}): sections of key figures,
 * charts and tables, rendered as text by the CLI, as HTML ({@link HtmlReport}) and as PDF ({@link PdfReport}) from
 * this one model, so the three say the same.
 *
 * @param window what the report covers, for people ("last 24 hours: 2026-12-05 08:00 – 2026-12-06 08:00 UTC")
 */
public record Report(String title, String window, Instant generatedAt, List<Section> sections) {

    /** Whether a figure missed its target. */
    public boolean missed() {
        return sections.stream().flatMap(s -> s.figures().stream()).anyMatch(Figure::missed);
    }

    /** One part of a report. */
    public record Section(String title, List<Figure> figures, List<Chart> charts, List<Table> tables) {}

    /**
     * One key figure, with its target and whether it was met (both null when it has none): a verdict is written as
     * a word ("met", "missed"), never told by colour alone.
     */
    public record Figure(String label, String value, String target, Boolean met) {
        static Figure of(String label, String value) {
            return new Figure(label, value, null, null);
        }

        /** Whether it missed its target (false without one). */
        public boolean missed() {
            return Boolean.FALSE.equals(met);
        }

        /** The verdict as every rendering writes it: "met", "missed", or "" without a target. */
        public String verdict() {
            return met == null ? "" : met ? "met" : "missed";
        }
    }

    /** A table: its caption, headers and rows of text. */
    public record Table(String caption, List<String> headers, List<List<String>> rows) {}

    /**
     * A chart of one series: a line (values over time, oldest first) or bars (one per label); {@code target} (or
     * null) is drawn as a dashed line. Values are finite.
     */
    public record Chart(String title, Kind kind, String unit, List<String> labels, List<Double> values, Double target) {
        public enum Kind {
            LINE,
            BAR
        }
    }
}
