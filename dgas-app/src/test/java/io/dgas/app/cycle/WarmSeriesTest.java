package io.dgas.app.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.calc.drummond.Atr;
import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.DrummondAnalyzer;
import io.dgas.calc.drummond.DrummondParams;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.calc.format.DrummondReport;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarColumns;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The warm path's equivalence contract: after random appends, forming-bar replacements, corrections and deletions,
 * each caught up the way {@link AnalyzerPool} does (a change inside the window rebuilds, a deletion is a change of
 * unknown extent, a series that does not continue is rebuilt), the warm series holds exactly the stored bars from its
 * window start, and every drummond.md §8 file, the multi-timeframe result and the cycle's signal (through the signal
 * stepper the pool keeps for the pair) equal a full recomputation over those bars.
 */
class WarmSeriesTest {
    private static final int WINDOW = 40;
    private static final long START = 1_700_000_000L / 14_400 * 14_400;
    private static final int ATR_PERIOD = SignalParams.defaults().atrPeriod();
    private static final SymbolAnalyzer ANALYZER = new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults());

    @Test
    void randomChanges_threeHundredCycles_equalFullRecomputation() {
        SplittableRandom r = new SplittableRandom(15);
        Live trading = new Live(Timeframe.H1, r);
        Live higher = new Live(Timeframe.H4, r);
        trading.appendBars(30);
        higher.appendBars(30);
        trading.catchUp();
        higher.catchUp();
        HeldSymbol held = new HeldSymbol("W");
        int signals = 0;
        int[] ops = new int[5];
        for (int cycle = 0; cycle < 300; cycle++) {
            for (int k = r.nextInt(1, 4); k > 0; k--) {
                ops[(cycle % 7 == 6 ? higher : trading).randomOp()]++;
            }
            trading.catchUp();
            higher.catchUp();
            trading.assertSameBarsAsStore();
            higher.assertSameBarsAsStore();
            DrummondAnalysis a = DrummondAnalyzer.analyze(copy(trading.warm.series()));
            DrummondAnalysis h = DrummondAnalyzer.analyze(copy(higher.warm.series()));
            assertThat(files(trading.warm.analysis(), higher.warm.analysis()))
                    .as("cycle %d", cycle)
                    .isEqualTo(files(a, h));
            if (cycle % 3 != 1) {
                // the kept ATR is read in most cycles only: after skipped ones it catches up over several bars
                int n = trading.warm.size();
                double expected = Atr.wilder(copy(trading.warm.series()), ATR_PERIOD, n)[n - 1];
                assertThat(trading.warm.atr(ATR_PERIOD)).as("cycle %d", cycle).isEqualTo(expected);
            }
            Instant asOf = Instant.ofEpochSecond(trading.warm.lastTs() + 3600);
            SymbolOutcome live = ANALYZER.analyze(
                    "W",
                    trading.warm.series(),
                    higher.warm.series(),
                    s -> s == trading.warm.series() ? trading.warm.analysis() : higher.warm.analysis(),
                    held.stepper(Timeframe.H1, trading.warm, higher.warm, ANALYZER),
                    trading.warm::atr,
                    Timeframe.H4,
                    asOf,
                    Duration.ofDays(3650));
            SymbolOutcome full = ANALYZER.analyze(
                    "W",
                    AnalyzerPool.columns(trading.warm.series()),
                    AnalyzerPool.columns(higher.warm.series()),
                    Timeframe.H4,
                    asOf,
                    Duration.ofDays(3650));
            assertThat(live).as("cycle %d", cycle).isEqualTo(full);
            signals += live.signal() == null ? 0 : 1;
        }
        // every kind of change happened, windows were compacted and rebuilt, and the signal path was reached
        assertThat(java.util.Arrays.stream(ops).min().getAsInt()).isGreaterThan(10);
        assertThat(trading.rebuilds).isGreaterThan(20);
        assertThat(trading.compactions).isGreaterThan(0);
        assertThat(signals).isGreaterThan(0);
    }

    @Test
    void apply_lastBarDeleted_refusesSoTheCallerRebuilds() {
        Live l = new Live(Timeframe.H1, new SplittableRandom(1));
        l.appendBars(10);
        l.catchUp();
        l.store.remove(l.store.lastKey());
        assertThat(l.warm.apply(l.since(l.warm.lastTs()))).isFalse();
        assertThat(l.warm.size()).isEqualTo(10);
    }

    @Test
    void apply_sameLastBarResent_changesNothing() {
        Live l = new Live(Timeframe.H1, new SplittableRandom(2));
        l.appendBars(10);
        l.catchUp();
        long version = l.warm.series().version();
        assertThat(l.warm.apply(l.since(l.warm.lastTs()))).isTrue();
        assertThat(l.warm.series().version()).isEqualTo(version);
    }

    private static Map<String, String> files(DrummondAnalysis a, DrummondAnalysis h) {
        return DrummondReport.files(a, h, DrummondParams.defaults(), MtfParams.defaults(), SignalParams.defaults());
    }

    /** A stored series (the database's part) and its warm analysis, caught up by the pool's rules. */
    private static final class Live {
        final TreeMap<Long, double[]> store = new TreeMap<>();
        final Timeframe tf;
        final SplittableRandom r;
        WarmSeries warm;
        boolean rebuild = true;
        int rebuilds;
        int compactions;

        Live(Timeframe tf, SplittableRandom r) {
            this.tf = tf;
            this.r = r;
        }

        /** Ingest's report of a change whose earliest bar is {@code from} (the pool's barsChanged). */
        void changed(long from) {
            if (warm != null && from < warm.lastTs() && from >= warm.firstTs()) {
                rebuild = true;
            }
        }

        void appendBars(int n) {
            long first = store.isEmpty() ? START : store.lastKey() + tf.seconds();
            double price = store.isEmpty() ? 100 : store.lastEntry().getValue()[3];
            for (int i = 0; i < n; i++) {
                double[] b = bar(price);
                store.put(first + i * tf.seconds(), b);
                price = b[3];
            }
            changed(first);
        }

        /** One random change; returns its kind. */
        int randomOp() {
            int kind = r.nextInt(10);
            long last = store.lastKey();
            if (kind < 4) {
                appendBars(kind == 3 ? r.nextInt(2, WINDOW + 5) : 1);
                return 0;
            }
            if (kind < 6) { // the forming bar moves
                store.put(last, bar(store.lastEntry().getValue()[0]));
                changed(last);
                return 1;
            }
            List<Long> keys = new ArrayList<>(
                    store.tailMap(last - 3L * WINDOW * tf.seconds()).keySet());
            long at = keys.get(r.nextInt(keys.size()));
            if (kind < 8) { // a corrected bar
                store.put(at, bar(store.get(at)[0]));
                changed(at);
                return 2;
            }
            if (store.size() > 5) { // a deleted bar: reported without its extent
                store.remove(at);
                rebuild = true;
                return kind == 8 ? 3 : 4;
            }
            return 4;
        }

        double[] bar(double open) {
            double close = open * (1 + (r.nextDouble() - 0.5) * 0.04);
            double high = Math.max(open, close) * (1 + r.nextDouble() * 0.01);
            double low = Math.min(open, close) * (1 - r.nextDouble() * 0.01);
            return new double[] {open, high, low, close, r.nextInt(100, 1000)};
        }

        void catchUp() {
            if (!rebuild) {
                int before = warm.size();
                BarColumns fresh = since(warm.lastTs());
                if (fresh.size() <= WINDOW && warm.apply(fresh)) {
                    compactions += warm.size() < before ? 1 : 0;
                    return;
                }
            }
            List<Long> keys = new ArrayList<>(store.keySet());
            warm = WarmSeries.of(columns(keys.subList(Math.max(0, keys.size() - WINDOW), keys.size())), WINDOW);
            rebuild = false;
            rebuilds++;
        }

        BarColumns since(long ts) {
            List<Long> keys = new ArrayList<>(store.tailMap(ts, true).keySet());
            return columns(keys.subList(0, Math.min(keys.size(), WINDOW + 1)));
        }

        BarColumns columns(List<Long> keys) {
            BarSeries s = new BarSeries("W", tf);
            keys.forEach(k -> {
                double[] b = store.get(k);
                s.append(k, b[0], b[1], b[2], b[3], b[4]);
            });
            return AnalyzerPool.columns(s);
        }

        void assertSameBarsAsStore() {
            BarSeries s = warm.series();
            assertThat(columns(
                            new ArrayList<>(store.tailMap(warm.firstTs(), true).keySet())))
                    .usingRecursiveComparison()
                    .isEqualTo(AnalyzerPool.columns(s));
            assertThat(s.size()).isBetween(Math.min(WINDOW, store.size()), 2 * WINDOW - 1);
        }
    }

    private static BarSeries copy(BarSeries s) {
        BarSeries c = new BarSeries(s.symbol(), s.timeframe());
        for (int i = 0; i < s.size(); i++) {
            c.append(s.ts()[i], s.open()[i], s.high()[i], s.low()[i], s.close()[i], s.volume()[i]);
        }
        return c;
    }
}
