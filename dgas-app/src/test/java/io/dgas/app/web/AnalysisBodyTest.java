package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.service.AnalysisService.Analysis;
import io.dgas.app.service.AnalysisService.Bar;
import io.dgas.app.service.AnalysisService.Confluence;
import io.dgas.app.service.AnalysisService.Latest;
import io.dgas.app.service.AnalysisService.LatestSignal;
import io.dgas.app.service.AnalysisService.Pattern;
import io.dgas.app.service.AnalysisService.Zone;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The analysis body's writer against the reference it replaces: Jackson's bean serialization of the same
 * {@link Analysis} records by the API's mapper. Byte for byte, over random analyses: warm-up rows without overlays,
 * empty lists, no signal, stored signals without stop, target or reasons, odd doubles, text needing escapes.
 */
class AnalysisBodyTest {
    private static final String[] STATES = {"trend_up", "trend_down", "congestion_entrance", "congestion_action", null};
    private static final String[] TEXTS = {
        "no signal at the latest bar",
        "PLdot pushed above the envelope — résistance 3×",
        "quote \" backslash \\ slash / tab \t newline \n bell \u0007 nul \u0000",
        "emoji 📈 and CJK 趋势 and U+2028 \u2028 U+FFFF \uFFFF",
        "",
        null
    };

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026, 987654321})
    void serialize_randomAnalyses_sameBytesAsJacksonBeans(long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < 200; k++) {
            Analysis a = analysis(r);
            assertSameBytes(a);
        }
    }

    @Test
    void serialize_emptyAnalysisWithoutSignal_sameBytesAsJacksonBeans() throws Exception {
        assertSameBytes(new Analysis(
                "A",
                "1h",
                "4h",
                1,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                new Latest(null, null, null, "only 0"),
                null));
        assertSameBytes(new Analysis(null, null, null, null, null, null, null, null, null, null));
    }

    @Test
    void serialize_analysis_writesTheDocumentedShape() throws Exception {
        Analysis a = new Analysis(
                "AAPL",
                "1h",
                "4h",
                1,
                List.of(new Bar(1_700_000_000L, 1.5, 2, 1, 1.75, null, null, null, null)),
                List.of(new Zone(1, 2, 1.5, "support", 3)),
                List.of(new Confluence(1.25, 1.5, 1.375, "support", "pivot", 2, 2.75)),
                List.of(new Pattern("exhaust", -1, 1_699_996_400L, 1_700_000_000L, 3)),
                new Latest("trend_up", "up", 0.5, null),
                null);
        assertThat(new String(RouteTable.JSON.writeValueAsBytes(new AnalysisBody(a)), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"symbol\":\"AAPL\",\"interval\":\"1h\",\"htf\":\"4h\",\"displacement\":1,\"bars\":[{\"ts\":1700000000,"
                                + "\"o\":1.5,\"h\":2.0,\"l\":1.0,\"c\":1.75,\"pldot\":null,\"upper\":null,\"lower\":null,"
                                + "\"state\":null}],\"zones\":[{\"lower\":1.0,\"upper\":2.0,\"center\":1.5,\"type\":\"support\","
                                + "\"strength\":3}],\"confluence\":[{\"lower\":1.25,\"upper\":1.5,\"level\":1.375,"
                                + "\"type\":\"support\",\"kind\":\"pivot\",\"timeframes\":2,\"weight\":2.75}],\"patterns\":[{\"type\":"
                                + "\"exhaust\",\"direction\":-1,\"start\":1699996400,\"end\":1700000000,\"strength\":3}],\"latest\":{\"state\":\"trend_up\",\"trend\":\"up\",\"confidence\":0.5,"
                                + "\"note\":null},\"signal\":null}");
    }

    private static void assertSameBytes(Analysis a) throws Exception {
        String jackson = new String(RouteTable.JSON.writeValueAsBytes(a), StandardCharsets.UTF_8);
        String written = new String(RouteTable.JSON.writeValueAsBytes(new AnalysisBody(a)), StandardCharsets.UTF_8);
        assertThat(written).isEqualTo(jackson);
    }

    private static Analysis analysis(SplittableRandom r) {
        int n = r.nextInt(8) == 0 ? r.nextInt(3) : r.nextInt(400);
        int warmUp = r.nextInt(12);
        List<Bar> bars = new ArrayList<>(n);
        long ts = 1_600_000_000L + r.nextInt(1_000_000) * 3600L;
        for (int i = 0; i < n; i++) {
            boolean warm = i < warmUp;
            bars.add(new Bar(
                    ts + i * 3600L,
                    price(r),
                    price(r),
                    price(r),
                    price(r),
                    warm ? null : price(r),
                    warm ? null : price(r),
                    warm ? null : price(r),
                    warm ? null : STATES[r.nextInt(STATES.length)]));
        }
        List<Zone> zones = new ArrayList<>();
        for (int i = r.nextInt(10); i > 0; i--) {
            zones.add(new Zone(
                    price(r), price(r), price(r), r.nextBoolean() ? "support" : "resistance", r.nextInt(-1, 40)));
        }
        List<Confluence> confluence = new ArrayList<>();
        for (int i = r.nextInt(5); i > 0; i--) {
            confluence.add(new Confluence(
                    price(r),
                    price(r),
                    price(r),
                    r.nextBoolean() ? "support" : "at price",
                    r.nextBoolean() ? "pivot" : "resistance",
                    r.nextInt(1, 4),
                    r.nextDouble() * 6));
        }
        List<Pattern> patterns = new ArrayList<>();
        for (int i = r.nextInt(6); i > 0; i--) {
            long start = ts + r.nextInt(400) * 3600L;
            patterns.add(new Pattern(
                    r.nextBoolean() ? "c_wave" : "pldot_push",
                    r.nextInt(-1, 2),
                    start,
                    start + r.nextInt(6) * 3600L,
                    r.nextInt(2, 9)));
        }
        Latest latest = r.nextInt(10) == 0
                ? null
                : new Latest(
                        STATES[r.nextInt(STATES.length)],
                        r.nextBoolean() ? "up" : null,
                        r.nextBoolean() ? r.nextDouble() : null,
                        text(r));
        return new Analysis(
                r.nextInt(20) == 0 ? "BRK.B ü" : "AAPL",
                "1h",
                "4h",
                r.nextInt(10) == 0 ? null : 1,
                bars,
                zones,
                r.nextInt(10) == 0 ? null : confluence,
                r.nextInt(10) == 0 ? null : patterns,
                latest,
                r.nextInt(3) == 0 ? null : signal(r));
    }

    private static LatestSignal signal(SplittableRandom r) {
        boolean calibrated = r.nextBoolean();
        boolean expires = r.nextBoolean();
        return new LatestSignal(
                r.nextBoolean() ? "computed" : "stored",
                1_700_000_000L + r.nextInt(1_000_000),
                r.nextBoolean() ? "long_entry" : "short_exit",
                price(r),
                r.nextBoolean() ? price(r) : null,
                r.nextBoolean() ? price(r) : null,
                r.nextDouble(),
                r.nextBoolean() ? "strong" : "weak",
                text(r),
                calibrated ? r.nextDouble() : null,
                calibrated ? r.nextDouble() : null,
                expires ? r.nextInt(1, 50) : null,
                switch (r.nextInt(4)) {
                    case 0 -> null;
                    case 1 -> "[]";
                    case 2 -> "{\"zone\":{\"lines\":3,\"note\":\"é 📈 \\\"q\\\"\"},\"pldot\":[1.5,2e-7]}";
                    default -> "{}";
                },
                r.nextInt(500),
                expires
                        ? Instant.ofEpochSecond(
                                1_700_000_000L + r.nextInt(1_000_000), r.nextInt(3) == 0 ? 5_000_000 : 0)
                        : null,
                calibrated ? (r.nextBoolean() ? "settings" : "all") : null);
    }

    /** Prices as stored (few decimals), plus doubles that stress the shortest-digits writer and the non-finite ones. */
    private static double price(SplittableRandom r) {
        return switch (r.nextInt(12)) {
            case 0 -> Double.longBitsToDouble(r.nextLong()); // any double, NaN and infinities included
            case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(-12, 25));
            case 2 -> -0.0;
            case 3 -> r.nextInt(100_000);
            case 4 -> r.nextBoolean() ? Double.NaN : Double.NEGATIVE_INFINITY;
            case 5 -> -Math.round(r.nextDouble(0, 50) * 100) / 100.0;
            case 6 -> Math.round(r.nextDouble(0, 2) * 1000) / 1000.0;
            case 7 -> r.nextDouble(1, 5000); // an overlay: all its digits
            default -> Math.round(r.nextDouble(1, 5000) * 10_000) / 10_000.0;
        };
    }

    private static String text(SplittableRandom r) {
        return TEXTS[r.nextInt(TEXTS.length)];
    }
}
