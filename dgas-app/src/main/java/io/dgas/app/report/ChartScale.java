package io.dgas.app.report;

import java.util.Locale;

/**
 * Where a {@link Report.Chart}'s values fall in a plot of {@code width} × {@code height}: y from 0 to the largest
 * value or target (1 when all are 0), points spread evenly, bars with a gap. Shared by the HTML and PDF renderers so
 * the two draw the same chart.
 */
record ChartScale(Report.Chart chart, double width, double height, double max) {
    ChartScale(Report.Chart chart, double width, double height) {
        this(chart, width, height, top(chart));
    }

    private static double top(Report.Chart c) {
        double m = c.target() == null ? 0 : c.target();
        for (double v : c.values()) {
            m = Math.max(m, v);
        }
        return m > 0 ? m : 1;
    }

    /** Height of {@code v} above the axis (negative values at the axis). */
    double height(double v) {
        return Math.max(0, v) / max * height;
    }

    /** X of point i of a line, from the plot's left. */
    double pointX(int i) {
        int n = chart.values().size();
        return n == 1 ? width / 2 : i * width / (n - 1);
    }

    double barWidth() {
        return width / chart.values().size() * 0.7;
    }

    double barX(int i) {
        double slot = width / chart.values().size();
        return i * slot + slot * 0.15;
    }

    /** A value for an axis or tooltip: grouped, no decimals from 100 up, two below. */
    static String label(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
