package io.dgas.app.collect;

import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarRollup;
import io.dgas.store.bars.RollupResult;
import io.dgas.store.collect.CollectReport;
import io.dgas.store.collect.CollectRepository;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.ingest.IngestReport;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cycle's first stage: per active symbol and stored timeframe the source serves, the bars after its newest stored
 * bar (plus {@code overlapBars} already stored, so a corrected recent bar replaces the stored one), up to now. A gap
 * after downtime is filled the same way, at most {@code maxBackfill} back. A stored timeframe the source does not serve
 * (EODHD: 15m, 30m, 4h, 1w) is derived by {@link BarRollup} from a fetched timeframe it is a multiple of ({@link DerivedTimeframes}; that
 * base is fetched for it when the symbol does not store it), one rollup statement per (base, target) and batch. Bars go through the ingest path (the same
 * validation and upsert as a file); the ingest listener hears about every changed series, which marks a corrected one
 * for rebuild. Symbols are taken in batches (one query per batch for their newest bars and asset classes, which name
 * them at the source); requests are paced by the source.
 *
 * <p>A symbol whose fetch or load fails is recorded with the reason and never fails the stage or the run: it is
 * analysed on the bars it had. The null source ({@code none}) serves no timeframe, so the stage does no work.
 */
public final class CollectStage {
    private final CollectSource source;
    private final CollectRepository repo;
    private final BarIngestor ingestor;
    private final BarRollup rollup;
    private final IngestOptions options;
    private final Clock clock;
    private final int batchSize;
    private final int overlapBars;
    private final Duration maxBackfill;

    public CollectStage(
            CollectSource source,
            CollectRepository repo,
            BarIngestor ingestor,
            BarRollup rollup,
            IngestOptions options,
            Clock clock,
            CollectSettings s) {
        this.source = source;
        this.repo = repo;
        this.ingestor = ingestor;
        this.rollup = rollup;
        this.options = options;
        this.clock = clock;
        this.batchSize = s.batchSize();
        this.overlapBars = s.overlapBars();
        this.maxBackfill = s.maxBackfill();
    }

    /** A stage that collects nothing ({@code collect.source: none}). */
    public static CollectStage none() {
        return new CollectStage(
                CollectSource.none(),
                null,
                null,
                null,
                null,
                Clock.systemUTC(),
                new CollectSettings("none", "", null, 1, 1, 1, 0, Duration.ofHours(1), 1, Duration.ofSeconds(1)));
    }

    /** Collects new bars of {@code universe}; returns what was stored and what failed, per symbol. */
    public CollectReport collect(List<String> universe) {
        if (source.timeframes().isEmpty()) {
            return CollectReport.NONE;
        }
        long start = System.nanoTime();
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (int from = 0; from < universe.size(); from += batchSize) {
            List<String> batch = universe.subList(from, Math.min(universe.size(), from + batchSize));
            Map<String, CollectRepository.Newest> newest = repo.newestBars(batch);
            Map<Timeframe, Map<Timeframe, Derivation>> derive = new EnumMap<>(Timeframe.class);
            newest.forEach((symbol, n) -> collect(symbol, n.assetClass(), n.bars(), rows, failures, derive));
            derive(derive, rows, failures);
        }
        return new CollectReport((System.nanoTime() - start) / 1e6, rows, failures);
    }

    /** Stores the stage's figures on run {@code runId} (nothing for the null source). */
    public void record(long runId, CollectReport r) {
        if (!source.timeframes().isEmpty()) {
            repo.save(runId, r);
        }
    }

    /**
     * Fetches the symbol's served timeframes (and the bases of its derived ones it does not store), and notes the
     * derived ones in {@code derive} (base → target → symbols) when their base has new bars or they lag behind it.
     */
    private void collect(
            String symbol,
            String assetClass,
            Map<Timeframe, Instant> series,
            Map<String, Long> rows,
            Map<String, String> failures,
            Map<Timeframe, Map<Timeframe, Derivation>> derive) {
        Instant now = clock.instant();
        Map<Timeframe, Timeframe> bases = DerivedTimeframes.bases(series.keySet(), source.timeframes());
        Map<Timeframe, Instant> fetch = new EnumMap<>(Timeframe.class);
        series.forEach((tf, newest) -> {
            if (source.timeframes().contains(tf)) {
                fetch.put(tf, newest.minusSeconds(overlapBars * tf.seconds()));
            }
        });
        bases.forEach((target, base) -> {
            if (!series.containsKey(base)) {
                Instant from = series.get(target).minusSeconds(overlapBars * target.seconds());
                fetch.merge(base, from, (a, b) -> a.isBefore(b) ? a : b);
            }
        });
        long stored = 0;
        Map<Timeframe, Long> storedPerTf = new EnumMap<>(Timeframe.class);
        StringBuilder problems = new StringBuilder();
        for (Map.Entry<Timeframe, Instant> e : fetch.entrySet()) {
            Timeframe tf = e.getKey();
            Instant from = e.getValue();
            Instant earliest = now.minus(maxBackfill);
            if (from.isBefore(earliest)) {
                from = earliest;
            }
            try {
                String csv = source.barsCsv(symbol, assetClass, tf, from, now);
                IngestReport r =
                        ingestor.ingest("collect " + symbol + " " + tf.code(), new StringReader(csv), null, options);
                stored += r.inserted() + r.updated();
                storedPerTf.put(tf, r.inserted() + r.updated());
            } catch (RuntimeException ex) {
                problem(problems, tf, ex.getMessage());
            }
        }
        bases.forEach((target, base) -> {
            if (!storedPerTf.containsKey(base)) {
                return; // its base failed: nothing new to derive from
            }
            Instant baseNewest = series.get(base);
            boolean lags = baseNewest == null
                    || baseNewest.getEpochSecond() >= series.get(target).getEpochSecond() + 2 * target.seconds();
            if (storedPerTf.get(base) > 0 || lags) {
                long since = series.get(target).getEpochSecond() - overlapBars * target.seconds();
                derive.computeIfAbsent(base, k -> new EnumMap<>(Timeframe.class))
                        .computeIfAbsent(target, k -> new Derivation())
                        .add(symbol, since);
            }
        });
        rows.put(symbol, stored);
        if (!problems.isEmpty()) {
            failures.put(symbol, problems.toString());
        }
    }

    /** The symbols of one (base, target) rollup and the earliest bucket any of them needs rewritten. */
    private static final class Derivation {
        final List<String> symbols = new ArrayList<>();
        long since = Long.MAX_VALUE;

        void add(String symbol, long from) {
            symbols.add(symbol);
            since = Math.min(since, from);
        }
    }

    /**
     * Derives every noted (base, target) for its symbols in one rollup statement over the stretch from their earliest
     * overlap on (not the history); counts the buckets written.
     */
    private void derive(
            Map<Timeframe, Map<Timeframe, Derivation>> derive, Map<String, Long> rows, Map<String, String> failures) {
        derive.forEach((base, targets) -> targets.forEach((target, d) -> {
            try {
                for (RollupResult r : rollup.fromBarsSince(d.symbols, base, List.of(target), d.since)) {
                    rows.merge(r.symbol(), r.inserted() + r.updated(), Long::sum);
                }
            } catch (RuntimeException ex) {
                for (String symbol : d.symbols) {
                    StringBuilder b = new StringBuilder(failures.getOrDefault(symbol, ""));
                    problem(b, target, "deriving from " + base.code() + ": " + ex.getMessage());
                    failures.put(symbol, b.toString());
                }
            }
        }));
    }

    private static void problem(StringBuilder problems, Timeframe tf, String message) {
        problems.append(problems.isEmpty() ? "" : "; ")
                .append(tf.code())
                .append(": ")
                .append(message);
    }
}
