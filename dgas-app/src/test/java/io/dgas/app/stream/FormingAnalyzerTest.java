package io.dgas.app.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.DrummondAnalyzer;
import io.dgas.calc.drummond.DrummondParams;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.calc.format.DrummondReport;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarColumns;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The forming bar's live analysis (replace-last within a bucket, append at a new one, the window cut back) equals a full
 * analysis of the same bars after every trade: every drummond.md §8 file, compared as text.
 */
class FormingAnalyzerTest {
    private static final long T0 = 1_717_372_800L; // 2024-06-03 00:00 UTC

    @Test
    void update_randomTradesOverManyBuckets_equalsFullRecomputationAfterEveryTrade() {
        SplittableRandom r = new SplittableRandom(15);
        FormingAnalyzer live = new FormingAnalyzer(20);
        live.seed("BTC", Timeframe.M1, stored(30, r), T0);
        double price = 100;
        long millis = T0 * 1000;
        FormingBar f = null;
        int buckets = 0;
        for (int i = 0; i < 1500; i++) {
            millis += r.nextInt(1, 20_000);
            price = Math.max(1, price + r.nextDouble(-0.5, 0.5));
            Trade t = new Trade("BTC", millis, price, r.nextDouble(0.01, 2));
            if (f == null || !f.holds(t)) {
                f = FormingBar.open("BTC", Timeframe.M1, t);
                buckets++;
            } else {
                f = f.with(t);
            }
            assertThat(live.update(f)).isTrue();

            BarSeries s = live.series("BTC", Timeframe.M1);
            assertThat(s.ts()[s.size() - 1]).isEqualTo(f.start());
            assertThat(s.close()[s.size() - 1]).isEqualTo(f.close());
            assertThat(s.size()).isLessThanOrEqualTo(2 * 20 + 1);
            assertThat(files(live.analysis("BTC", Timeframe.M1)))
                    .as("trade %d", i)
                    .isEqualTo(files(DrummondAnalyzer.analyze(copy(s))));
        }
        assertThat(buckets).as("many buckets, so the window was cut back").isGreaterThan(100);
    }

    @Test
    void update_olderBucketThanTheLastBar_isIgnored() {
        FormingAnalyzer live = new FormingAnalyzer(10);
        live.seed("BTC", Timeframe.M1, stored(10, new SplittableRandom(1)), T0);
        Trade late = new Trade("BTC", (T0 - 120) * 1000, 100, 1);

        assertThat(live.update(FormingBar.open("BTC", Timeframe.M1, late))).isFalse();
        assertThat(live.series("BTC", Timeframe.M1).size()).isEqualTo(10);
    }

    @Test
    void seed_storedBarOfTheFormingBucket_leftOut() {
        FormingAnalyzer live = new FormingAnalyzer(10);
        BarColumns c = stored(12, new SplittableRandom(2)); // 11 before T0 and one at T0 - 60

        live.seed("BTC", Timeframe.M1, c, T0 - 60);

        BarSeries s = live.series("BTC", Timeframe.M1);
        assertThat(s.size()).isEqualTo(10);
        assertThat(s.ts()[9]).isEqualTo(T0 - 120);
    }

    /** {@code n} stored 1m bars ending just before T0. */
    private static BarColumns stored(int n, SplittableRandom r) {
        long[] ts = new long[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n];
        double p = 100;
        for (int i = 0; i < n; i++) {
            ts[i] = T0 - (n - i) * 60L;
            o[i] = p;
            p += r.nextDouble(-1, 1);
            c[i] = p;
            h[i] = Math.max(o[i], c[i]) + r.nextDouble(0, 0.5);
            l[i] = Math.min(o[i], c[i]) - r.nextDouble(0, 0.5);
            v[i] = r.nextDouble(1, 10);
        }
        return new BarColumns("BTC", Timeframe.M1, ts, o, h, l, c, v);
    }

    private static BarSeries copy(BarSeries s) {
        BarSeries out = new BarSeries(s.symbol(), s.timeframe(), s.size());
        for (int i = 0; i < s.size(); i++) {
            out.append(s.ts()[i], s.open()[i], s.high()[i], s.low()[i], s.close()[i], s.volume()[i]);
        }
        return out;
    }

    private static Map<String, String> files(DrummondAnalysis a) {
        return DrummondReport.files(a, null, DrummondParams.defaults(), MtfParams.defaults(), SignalParams.defaults());
    }
}
