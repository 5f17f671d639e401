package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dgas.app.Json;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarColumns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bar series body's writer against the reference it replaces: {@code writeStringField("ts", Instant.toString())}
 * and {@code writeNumberField} per value on the API's generator. Byte for byte, over random series: times from before
 * 1970 to past the year 10000 (the fallback), stored prices, arbitrary and odd doubles, empty series.
 */
class BarsBodyTest {
    private static final double[] ODD = {
        0.0,
        -0.0,
        1e-4,
        9.99e-4,
        1e7,
        9_999_999.9999,
        0.1 + 0.2,
        Double.MIN_VALUE,
        Double.MAX_VALUE,
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        -123.4567,
        1e22,
        123_456_789_012.0
    };

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void serialize_randomSeries_sameBytesAsTheReference(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < 100; k++) {
            BarColumns b = series(r, r.nextInt(0, 60));
            assertThat(new String(
                            Json.MAPPER.writeValueAsBytes(Bodies.bars(b)), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(reference(b));
        }
    }

    private static BarColumns series(SplittableRandom r, int n) {
        long[] ts = new long[n];
        double[][] v = new double[5][n];
        for (int i = 0; i < n; i++) {
            ts[i] = switch (r.nextInt(4)) {
                case 0 -> r.nextLong(-100_000_000_000L, 400_000_000_000L); // years before 0 to past 10000
                case 1 -> 253_402_300_800L - r.nextInt(0, 3) * 1L; // the last seconds of 9999, and 10000 itself
                default -> r.nextLong(0, 4_102_444_800L); // 1970 to 2100
            };
            for (double[] column : v) {
                column[i] = switch (r.nextInt(3)) {
                    case 0 -> r.nextLong(-1_000_000_000L, 1_000_000_000L) / 10_000.0; // a stored price
                    case 1 -> ODD[r.nextInt(ODD.length)];
                    default -> Double.longBitsToDouble(r.nextLong()); // any double
                };
            }
        }
        return new BarColumns("S" + n, Timeframe.H1, ts, v[0], v[1], v[2], v[3], v[4]);
    }

    /** The body as the writer before wrote it. */
    private static String reference(BarColumns b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("symbol", b.symbol());
            g.writeStringField("interval", b.timeframe().code());
            g.writeArrayFieldStart("bars");
            for (int i = 0; i < b.size(); i++) {
                g.writeStartObject();
                g.writeStringField("ts", Instant.ofEpochSecond(b.ts()[i]).toString());
                g.writeNumberField("open", b.open()[i]);
                g.writeNumberField("high", b.high()[i]);
                g.writeNumberField("low", b.low()[i]);
                g.writeNumberField("close", b.close()[i]);
                g.writeNumberField("volume", b.volume()[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
