package io.dgas.app.trading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A backtest's equity curve as a file ({@code dgas backtest --curve F.csv|F.json}): one point per bar with its time,
 * cash, equity and gross exposure, money as plain decimals.
 */
public final class EquityCurveFile {
    private EquityCurveFile() {}

    /** Writes {@code points} to {@code file}: JSON when its name ends in {@code .json}, else CSV with a header. */
    public static void write(Path file, List<Backtester.EquityPoint> points) {
        StringBuilder b = new StringBuilder();
        boolean json = file.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
        b.append(json ? "[" : "timestamp,cash,equity,gross_exposure\n");
        for (int i = 0; i < points.size(); i++) {
            Backtester.EquityPoint p = points.get(i);
            String ts = Instant.ofEpochSecond(p.ts()).toString();
            if (json) {
                b.append(i == 0 ? "" : ",")
                        .append("{\"timestamp\":\"")
                        .append(ts)
                        .append("\",\"cash\":")
                        .append(p.cash().toPlainString())
                        .append(",\"equity\":")
                        .append(p.equity().toPlainString())
                        .append(",\"gross_exposure\":")
                        .append(p.gross().toPlainString())
                        .append('}');
            } else {
                b.append(ts)
                        .append(',')
                        .append(p.cash().toPlainString())
                        .append(',')
                        .append(p.equity().toPlainString())
                        .append(',')
                        .append(p.gross().toPlainString())
                        .append('\n');
            }
        }
        if (json) {
            b.append("]\n");
        }
        try {
            Files.writeString(file, b);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
