package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.Json;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarColumns;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class RenderedBodiesTest {
    private static final String TAG = "W/\"0123abcd\"";

    @Test
    void matches_tagWeakOrStrongInAListOrStar_true() {
        assertThat(RenderedBodies.matches(TAG, TAG)).isTrue();
        assertThat(RenderedBodies.matches("\"0123abcd\"", TAG)).isTrue();
        assertThat(RenderedBodies.matches("\"other\", W/\"0123abcd\"", TAG)).isTrue();
        assertThat(RenderedBodies.matches("*", TAG)).isTrue();
    }

    @Test
    void matches_otherTagOrNoHeader_false() {
        assertThat(RenderedBodies.matches("W/\"0123abce\"", TAG)).isFalse();
        assertThat(RenderedBodies.matches("", TAG)).isFalse();
        assertThat(RenderedBodies.matches(null, TAG)).isFalse();
    }

    @Test
    void acceptsGzip_listedOrStarWithoutQZero_true() {
        assertThat(RenderedBodies.acceptsGzip("gzip, deflate, br")).isTrue();
        assertThat(RenderedBodies.acceptsGzip("br;q=1.0, GZIP;q=0.5")).isTrue();
        assertThat(RenderedBodies.acceptsGzip("*")).isTrue();
    }

    @Test
    void acceptsGzip_refusedAbsentOrNoHeader_false() {
        assertThat(RenderedBodies.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(RenderedBodies.acceptsGzip("gzip; q=0.0, br")).isFalse();
        assertThat(RenderedBodies.acceptsGzip("identity, br")).isFalse();
        assertThat(RenderedBodies.acceptsGzip(null)).isFalse();
    }

    @Test
    void body_sameBytes_sameWeakTag_otherBytes_otherTag() {
        RenderedBodies.Body a = new RenderedBodies.Body(bytes("{\"a\":1}"), Deflater.DEFAULT_COMPRESSION);
        RenderedBodies.Body same = new RenderedBodies.Body(bytes("{\"a\":1}"), Deflater.DEFAULT_COMPRESSION);
        RenderedBodies.Body other = new RenderedBodies.Body(bytes("{\"a\":2}"), Deflater.DEFAULT_COMPRESSION);

        assertThat(a.etag).startsWith("W/\"").endsWith("\"").hasSize(3 + 32 + 1);
        assertThat(same.etag).isEqualTo(a.etag);
        assertThat(other.etag).isNotEqualTo(a.etag);
    }

    @Test
    void gzip_largeRepetitiveBody_smallerAndInflatesToTheBody() throws IOException {
        byte[] json = bytes("[" + "{\"open\":101.25,\"close\":102.5},".repeat(200) + "{}]");

        byte[] gz = new RenderedBodies.Body(json, Deflater.DEFAULT_COMPRESSION).gzip();

        assertThat(gz).isNotNull();
        assertThat(gz.length).isLessThan(json.length / 10);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(json);
        }
    }

    @Test
    void gzip_fastestLevel_inflatesToTheBodyAndIsLargerThanTheDefault() throws IOException {
        StringBuilder prices = new StringBuilder("[");
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 300; i++) {
            prices.append(i == 0 ? "" : ",")
                    .append("{\"c\":")
                    .append(r.nextInt(1_000_000) / 100.0)
                    .append('}');
        }
        byte[] json = bytes(prices.append(']').toString());

        byte[] fast = new RenderedBodies.Body(json, Deflater.BEST_SPEED).gzip();
        byte[] usual = new RenderedBodies.Body(json, Deflater.DEFAULT_COMPRESSION).gzip();

        assertThat(fast).isNotNull();
        assertThat(usual).isNotNull();
        assertThat(fast.length).isGreaterThan(usual.length); // the level reached the deflater
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(fast))) {
            assertThat(in.readAllBytes()).isEqualTo(json);
        }
    }

    @Test
    void gzip_bodyUnderTheMinimumOrIncompressible_none() {
        byte[] noise = new byte[4 * RenderedBodies.MIN_GZIP_BYTES];
        new SplittableRandom(7).nextBytes(noise);

        assertThat(new RenderedBodies.Body(bytes("{\"items\":[]}"), Deflater.DEFAULT_COMPRESSION).gzip())
                .isNull();
        assertThat(new RenderedBodies.Body(noise, Deflater.DEFAULT_COMPRESSION).gzip())
                .isNull();
    }

    @Test
    void barsBody_twoBars_theRowShapeOfTheApi() throws Exception {
        BarColumns b = new BarColumns(
                "ABC",
                Timeframe.H1,
                new long[] {1_736_121_600L, 1_736_125_200L},
                new double[] {10, 11},
                new double[] {12, 13.5},
                new double[] {9, 10},
                new double[] {11, 0.1 + 0.2},
                new double[] {100, 0});

        String json = Json.MAPPER.writeValueAsString(Bodies.bars(b));

        assertThat(json)
                .isEqualTo("{\"symbol\":\"ABC\",\"interval\":\"1h\",\"bars\":["
                        + "{\"ts\":\"2025-01-06T00:00:00Z\",\"open\":10.0,\"high\":12.0,\"low\":9.0,\"close\":11.0,"
                        + "\"volume\":100.0},"
                        + "{\"ts\":\"2025-01-06T01:00:00Z\",\"open\":11.0,\"high\":13.5,\"low\":10.0,"
                        + "\"close\":0.30000000000000004,\"volume\":0.0}]}");
        assertThat(Bodies.bars(b).answer()).isSameAs(b);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
