package io.dgas.testkit;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.time.Instant;
import java.util.Locale;

/**
 * Terse bar series for tests: consecutive bars of one timeframe from a start time.
 *
 * <pre>{@code
 * BarSeries s = BarsBuilder.of("AAPL", Timeframe.H1, "2024-01-01T00:00:00Z")
 *         .ohlc(10, 11, 9, 10.5).ohlc(10.5, 12, 10, 11.5).closes(11.7, 11.2, 11.9).build();
 * }</pre>
 */
public final class BarsBuilder {
    private final BarSeries series;
    private long next;

    private BarsBuilder(String symbol, Timeframe tf, Instant start) {
        this.series = new BarSeries(symbol, tf);
        this.next = start.getEpochSecond();
    }

    public static BarsBuilder of(String symbol, Timeframe tf, String start) {
        return new BarsBuilder(symbol, tf, Instant.parse(start));
    }

    /** Appends one bar with volume 1000. */
    public BarsBuilder ohlc(double open, double high, double low, double close) {
        return ohlcv(open, high, low, close, 1000);
    }

    public BarsBuilder ohlcv(double open, double high, double low, double close, double volume) {
        series.append(next, open, high, low, close, volume);
        next += series.timeframe().seconds();
        return this;
    }

    /** Appends bars that open at the previous close and reach 0.5 % beyond the body: a quick price path. */
    public BarsBuilder closes(double... closes) {
        double open = series.size() == 0 ? closes[0] : series.close()[series.size() - 1];
        for (double c : closes) {
            ohlc(open, Math.max(open, c) * 1.005, Math.min(open, c) * 0.995, c);
            open = c;
        }
        return this;
    }

    public BarSeries build() {
        return series;
    }

    /** The series as a bars CSV ({@code timestamp,symbol,interval,open,high,low,close,volume}), e.g. for ingest. */
    public String csv() {
        StringBuilder sb = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        for (int i = 0; i < series.size(); i++) {
            sb.append(Instant.ofEpochSecond(series.ts()[i]))
                    .append(',')
                    .append(series.symbol())
                    .append(',')
                    .append(series.timeframe().code());
            for (double v : new double[] {
                series.open()[i], series.high()[i], series.low()[i], series.close()[i], series.volume()[i]
            }) {
                sb.append(',').append(String.format(Locale.ROOT, "%s", v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
