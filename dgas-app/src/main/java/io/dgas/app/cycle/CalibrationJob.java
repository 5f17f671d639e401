package io.dgas.app.cycle;

import io.dgas.calc.drummond.Calibration;
import io.dgas.calc.drummond.Signal;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.runs.RunRepository;
import io.dgas.store.runs.SignalOutcomes;
import io.dgas.store.runs.SignalReads;
import io.dgas.store.runs.StoredSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Calibration of past entry signals (drummond.md §7): each LONG/SHORT against the bars after it — win, loss, neutral,
 * pending, or [C] not filled when the entry was not reached within its expiry. Every stored signal is judged by
 * {@link #resolve}, the same {@link Calibration#resolve} over the same {@link Calibration#horizonBars horizon} that
 * {@code dgas signals evaluate} replays with, so recorded outcomes, the monitor and win probabilities agree. Reads the
 * bars of each (symbol, timeframe) that has signals once, over the span its signals need.
 */
public final class CalibrationJob {
    public static final Duration WINDOW = Duration.ofHours(24);

    private final SignalReads signals;
    private final BarRepository bars;
    private final RunRepository runs;

    /** @param runs the settings of the runs that stored the signals, for {@link Report#bySettings} */
    public CalibrationJob(SignalReads signals, BarRepository bars, RunRepository runs) {
        this.signals = signals;
        this.bars = bars;
        this.runs = runs;
    }

    /** Upper edges of the confidence buckets: [0, 0.5), [0.5, 0.6), … [0.9, 1]. */
    static final double[] BUCKET_EDGES = {0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

    /**
     * Outcome counts overall, per signal type and tier, per confidence bucket (in bucket order) and per settings the
     * signals were made with (most signals first), with the win rate of decided signals.
     */
    public record Report(
            int signals,
            Map<Calibration.Outcome, Integer> outcomes,
            Map<String, Map<String, Integer>> byGroup,
            List<Bucket> byConfidence,
            double winRate,
            List<SettingsGroup> bySettings)
            implements java.io.Serializable {}

    /**
     * The signals made with one set of parameters ({@link SignalSettings#line}: {@code defaults}, the parameters that
     * differ, or {@code not recorded} for runs stored before settings were kept): outcome counts and the win rate of the
     * decided ones, {@code null} when none is decided.
     */
    public record SettingsGroup(String settings, int signals, Map<String, Integer> outcomes, Double winRate)
            implements java.io.Serializable {}

    /**
     * Signals whose confidence lies in [{@code from}, {@code to}) ({@code to} = 1 included): their outcome counts and
     * the win rate of the decided ones, {@code null} when none is decided.
     */
    public record Bucket(double from, double to, int signals, Map<String, Integer> outcomes, Double winRate)
            implements java.io.Serializable {}

    public Report run(Instant now, Duration lookback) {
        List<StoredSignal> signals = this.signals.entrySignalsSince(now.minus(lookback));
        Map<Calibration.Outcome, Integer> outcomes = new EnumMap<>(Calibration.Outcome.class);
        Map<String, Map<String, Integer>> groups = new LinkedHashMap<>();
        List<Map<String, Integer>> buckets = new ArrayList<>();
        for (int i = 0; i < BUCKET_EDGES.length; i++) {
            buckets.add(new LinkedHashMap<>());
        }
        Map<Long, String> lines = new java.util.HashMap<>();
        runs.settings(signals.stream().map(StoredSignal::runId).distinct().toList())
                .forEach((run, settings) -> lines.put(run, SignalSettings.line(settings)));
        Map<String, Map<String, Integer>> settingsGroups = new LinkedHashMap<>();
        resolveAll(signals, (s, r) -> {
            String outcome = r.outcome().name().toLowerCase(Locale.ROOT);
            outcomes.merge(r.outcome(), 1, Integer::sum);
            groups.computeIfAbsent(s.type() + "/" + (s.tier() == null ? "none" : s.tier()), k -> new LinkedHashMap<>())
                    .merge(outcome, 1, Integer::sum);
            buckets.get(bucketOf(s.confidence())).merge(outcome, 1, Integer::sum);
            settingsGroups
                    .computeIfAbsent(lines.getOrDefault(s.runId(), "not recorded"), k -> new LinkedHashMap<>())
                    .merge(outcome, 1, Integer::sum);
        });
        int wins = outcomes.getOrDefault(Calibration.Outcome.WIN, 0);
        int losses = outcomes.getOrDefault(Calibration.Outcome.LOSS, 0);
        return new Report(
                signals.size(),
                outcomes,
                groups,
                buckets(buckets),
                wins + losses == 0 ? Double.NaN : (double) wins / (wins + losses),
                settingsGroups(settingsGroups));
    }

    private static List<SettingsGroup> settingsGroups(Map<String, Map<String, Integer>> groups) {
        List<SettingsGroup> out = new ArrayList<>();
        groups.forEach((line, c) -> out.add(new SettingsGroup(line, total(c), c, winRate(c))));
        out.sort(java.util.Comparator.comparingInt(SettingsGroup::signals)
                .reversed()
                .thenComparing(SettingsGroup::settings));
        return out;
    }

    private static int total(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The win rate of the decided ones among {@code counts}, null when none is decided. */
    private static Double winRate(Map<String, Integer> counts) {
        int wins = counts.getOrDefault("win", 0);
        int decided = wins + counts.getOrDefault("loss", 0);
        return decided == 0 ? null : (double) wins / decided;
    }

    /** The bucket index of {@code confidence}: the first edge above it (1.0 falls in the last bucket). */
    static int bucketOf(double confidence) {
        for (int i = 0; i < BUCKET_EDGES.length - 1; i++) {
            if (confidence < BUCKET_EDGES[i]) {
                return i;
            }
        }
        return BUCKET_EDGES.length - 1;
    }

    private static List<Bucket> buckets(List<Map<String, Integer>> counts) {
        List<Bucket> out = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            Map<String, Integer> c = counts.get(i);
            out.add(new Bucket(i == 0 ? 0 : BUCKET_EDGES[i - 1], BUCKET_EDGES[i], total(c), c, winRate(c)));
        }
        return out;
    }

    /**
     * <b>[C]</b> Resolves every entry signal of the last {@code lookback} whose window has closed and that has no final
     * outcome, and records it (pending while bars are missing); returns the number recorded.
     */
    public int record(SignalOutcomes store, Instant now, Duration lookback) {
        List<SignalOutcomes.Recorded> out = new ArrayList<>();
        resolveAll(
                store.due(now.minus(lookback), now, WINDOW.toSeconds()),
                (s, r) -> out.add(new SignalOutcomes.Recorded(s.id(), r.outcome(), r.r())));
        return store.record(out, now);
    }

    private void resolveAll(
            List<StoredSignal> signals, java.util.function.BiConsumer<StoredSignal, Calibration.Result> sink) {
        Map<String, List<StoredSignal>> bySeries = new LinkedHashMap<>();
        for (StoredSignal s : signals) {
            bySeries.computeIfAbsent(s.symbol() + "/" + s.timeframe(), k -> new ArrayList<>())
                    .add(s);
        }
        for (List<StoredSignal> list : bySeries.values()) {
            StoredSignal first = list.get(0);
            Timeframe tf = Timeframe.parse(first.timeframe());
            Instant until = list.get(list.size() - 1).ts();
            for (StoredSignal s : list) {
                Instant end = s.ts().plusSeconds((long) horizon(s, tf) * tf.seconds() + tf.seconds());
                until = end.isAfter(until) ? end : until;
            }
            BarColumns c = bars.range(first.symbol(), tf, first.ts(), until);
            BarSeries series = new BarSeries(first.symbol(), tf, Math.max(1, c.size()));
            for (int i = 0; i < c.size(); i++) {
                series.append(c.ts()[i], c.open()[i], c.high()[i], c.low()[i], c.close()[i], c.volume()[i]);
            }
            for (StoredSignal s : list) {
                sink.accept(s, resolve(signal(s), series));
            }
        }
    }

    /** The one resolution of a stored or replayed signal: {@link Calibration#resolve} over the horizon. */
    public static Calibration.Result resolve(Signal s, BarSeries bars) {
        return Calibration.resolveOver(s, bars, WINDOW.toSeconds());
    }

    private static int horizon(StoredSignal s, Timeframe tf) {
        return Calibration.horizonBars(
                tf.seconds(), WINDOW.toSeconds(), s.expiryBars() == null ? Signal.NO_EXPIRY : s.expiryBars());
    }

    private static Signal signal(StoredSignal s) {
        return new Signal(
                        s.symbol(),
                        -1,
                        s.ts().getEpochSecond(),
                        Signal.Type.valueOf(s.type().toUpperCase(Locale.ROOT)),
                        s.entry(),
                        s.stop() == null ? Double.NaN : s.stop(),
                        s.target() == null ? Double.NaN : s.target(),
                        s.confidence(),
                        s.strength(),
                        s.alignment(),
                        Signal.Tier.NONE,
                        false)
                .withExpiry(s.expiryBars() == null ? Signal.NO_EXPIRY : s.expiryBars());
    }
}
