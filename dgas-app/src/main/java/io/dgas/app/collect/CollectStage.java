package io.dgas.app.collect;

import io.dgas.domain.Timeframe;
import io.dgas.store.collect.CollectReport;
import io.dgas.store.collect.CollectRepository;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.ingest.IngestReport;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cycle's first stage: per active symbol and stored timeframe the source serves, the bars after its newest stored
 * bar (plus {@code overlapBars} already stored, so a corrected recent bar replaces the stored one), up to now. A gap
 * after downtime is filled the same way, at most {@code maxBackfill} back. Bars go through the ingest path (the same
 * validation and upsert as a file); the ingest listener hears about every changed series, which marks a corrected one
 * for rebuild. Symbols are taken in batches (one newest-bar query per batch); requests are paced by the source.
 *
 * <p>A symbol whose fetch or load fails is recorded with the reason and never fails the stage or the run: it is
 * analysed on the bars it had. The null source ({@code none}) serves no timeframe, so the stage does no work.
 */
public final class CollectStage {
    private final CollectSource source;
    private final CollectRepository repo;
    private final BarIngestor ingestor;
    private final IngestOptions options;
    private final Clock clock;
    private final int batchSize;
    private final int overlapBars;
    private final Duration maxBackfill;

    public CollectStage(
            CollectSource source,
            CollectRepository repo,
            BarIngestor ingestor,
            IngestOptions options,
            Clock clock,
            CollectSettings s) {
        this.source = source;
        this.repo = repo;
        this.ingestor = ingestor;
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
            Map<String, Map<Timeframe, Instant>> newest = repo.newestBars(batch);
            newest.forEach((symbol, series) -> collect(symbol, series, rows, failures));
        }
        return new CollectReport((System.nanoTime() - start) / 1e6, rows, failures);
    }

    /** Stores the stage's figures on run {@code runId} (nothing for the null source). */
    public void record(long runId, CollectReport r) {
        if (!source.timeframes().isEmpty()) {
            repo.save(runId, r);
        }
    }

    private void collect(
            String symbol, Map<Timeframe, Instant> series, Map<String, Long> rows, Map<String, String> failures) {
        Instant now = clock.instant();
        long stored = 0;
        StringBuilder problems = new StringBuilder();
        for (Map.Entry<Timeframe, Instant> e : series.entrySet()) {
            Timeframe tf = e.getKey();
            if (!source.timeframes().contains(tf)) {
                continue;
            }
            Instant from = e.getValue().minusSeconds(overlapBars * tf.seconds());
            Instant earliest = now.minus(maxBackfill);
            if (from.isBefore(earliest)) {
                from = earliest;
            }
            try {
                String csv = source.barsCsv(symbol, tf, from, now);
                IngestReport r =
                        ingestor.ingest("collect " + symbol + " " + tf.code(), new StringReader(csv), null, options);
                stored += r.inserted() + r.updated();
            } catch (RuntimeException ex) {
                problems.append(problems.isEmpty() ? "" : "; ")
                        .append(tf.code())
                        .append(": ")
                        .append(ex.getMessage());
            }
        }
        rows.put(symbol, stored);
        if (!problems.isEmpty()) {
            failures.put(symbol, problems.toString());
        }
    }
}
