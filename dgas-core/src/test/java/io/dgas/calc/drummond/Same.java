package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Bitwise comparisons of analyses for the no-look-ahead and incremental properties. */
final class Same {
    private Same() {}

    /** Every per-bar output of {@code a} and {@code b} is bitwise equal on bars 0..upTo. */
    static void analysis(DrummondAnalysis a, DrummondAnalysis b, int upTo, String ctx) {
        doubles(a.pldot(), b.pldot(), upTo, ctx + " pldot");
        doubles(a.slope(), b.slope(), upTo, ctx + " slope");
        doubles(a.upper(), b.upper(), upTo, ctx + " upper");
        doubles(a.lower(), b.lower(), upTo, ctx + " lower");
        doubles(a.width(), b.width(), upTo, ctx + " width");
        doubles(a.position(), b.position(), upTo, ctx + " position");
        StateSeries x = a.states();
        StateSeries y = b.states();
        ints(x.state(), y.state(), upTo, ctx + " state");
        ints(x.direction(), y.direction(), upTo, ctx + " direction");
        ints(x.barsInState(), y.barsInState(), upTo, ctx + " barsInState");
        ints(x.previousState(), y.previousState(), upTo, ctx + " previousState");
        ints(x.slopeClass(), y.slopeClass(), upTo, ctx + " slopeClass");
        doubles(x.confidence(), y.confidence(), upTo, ctx + " confidence");
        ints(x.reason(), y.reason(), upTo, ctx + " reason");
        ints(x.trendAtCongestionEntrance(), y.trendAtCongestionEntrance(), upTo, ctx + " tace");
        ints(x.barsInCongestion(), y.barsInCongestion(), upTo, ctx + " barsInCongestion");
        assertThat(events(a.patterns(), upTo)).as(ctx + " events").isEqualTo(events(b.patterns(), upTo));
        zones(a.zonesAt(upTo), b.zonesAt(upTo), ctx + " zones");
        DrummondLines la = a.lines();
        DrummondLines lb = b.lines();
        for (int id = 0; id < DrummondLines.countEndingBy(upTo); id++) {
            assertThat(Double.doubleToLongBits(la.projectedPrice(id)))
                    .as(ctx + " line " + id)
                    .isEqualTo(Double.doubleToLongBits(lb.projectedPrice(id)));
        }
    }

    static List<String> events(PatternEvents e, int upTo) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < e.countDetectedBy(upTo); k++) {
            out.add(e.type(k) + "/" + e.direction(k) + "/" + e.start(k) + "/" + e.end(k) + "/" + e.strength(k) + "/"
                    + e.detectedAt(k));
        }
        return out;
    }

    static void zones(ZoneSet a, ZoneSet b, String ctx) {
        assertThat(Double.doubleToLongBits(a.tolerance()))
                .as(ctx + " tolerance")
                .isEqualTo(Double.doubleToLongBits(b.tolerance()));
        assertThat(a.center()).as(ctx + " centre").isEqualTo(b.center());
        assertThat(a.lower()).as(ctx).isEqualTo(b.lower());
        assertThat(a.upper()).as(ctx).isEqualTo(b.upper());
        assertThat(a.type()).as(ctx).isEqualTo(b.type());
        assertThat(a.strength()).as(ctx).isEqualTo(b.strength());
    }

    static void doubles(double[] a, double[] b, int upTo, String ctx) {
        for (int i = 0; i <= upTo; i++) {
            if (Double.doubleToLongBits(a[i]) != Double.doubleToLongBits(b[i])) {
                throw new AssertionError(ctx + " differs at bar " + i + ": " + a[i] + " vs " + b[i]);
            }
        }
    }

    static void ints(int[] a, int[] b, int upTo, String ctx) {
        for (int i = 0; i <= upTo; i++) {
            if (a[i] != b[i]) {
                throw new AssertionError(ctx + " differs at bar " + i + ": " + a[i] + " vs " + b[i]);
            }
        }
    }
}
