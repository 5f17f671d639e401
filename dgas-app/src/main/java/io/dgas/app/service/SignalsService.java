package io.dgas.app.service;

import io.dgas.app.cycle.CalibrationJob;
import io.dgas.calc.drummond.Signal;
import io.dgas.store.Database;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.KnownSymbols;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.cache.RegionSpec;
import io.dgas.store.runs.RunRepository;
import io.dgas.store.runs.SignalOutcomes;
import io.dgas.store.runs.SignalQuery;
import io.dgas.store.runs.SignalReads;
import io.dgas.store.runs.StoredSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Stored signals, read through the {@code signals} query cache (dropped whenever a run is stored). */
public final class SignalsService {
    private final Database db;
    private final SignalReads signals;
    private final SignalOutcomes outcomes;
    private final QueryCache cache;

    public SignalsService(Database db, QueryCache cache) {
        this.db = db;
        this.signals = new SignalReads(db);
        this.outcomes = new SignalOutcomes(db);
        this.cache = cache;
    }

    /**
     * Signals matching {@code q}, newest first. A symbol filter naming no stored symbol is an
     * {@link io.dgas.store.bars.UnknownSymbolException}, and a run filter naming no stored run a
     * {@link NotFoundException} naming {@code run}, not an empty page.
     */
    public Page<StoredSignal> signals(SignalQuery q) {
        return cache.get(RegionSpec.SIGNALS, "signals:filtered:" + q.key(), () -> {
            Page<StoredSignal> page = load(q);
            if (page.items().isEmpty() && q.symbol() != null) {
                // checked when loaded: an unknown symbol throws and is never cached, a known one's empty page is
                KnownSymbols.require(db, List.of(q.symbol()));
            }
            if (page.items().isEmpty()
                    && q.run() != null
                    && new RunRepository(db).find(q.run()).isEmpty()) {
                throw new NotFoundException("run", Long.toString(q.run()), "unknown run " + q.run());
            }
            return page;
        });
    }

    /**
     * As {@link #signals} for a symbol the caller knows exists (it has just read its bars): an empty page is not
     * checked against the symbols, so it costs one statement, not two.
     */
    public Page<StoredSignal> signalsOfKnownSymbol(SignalQuery q) {
        return cache.get(RegionSpec.SIGNALS, "signals:of-known:" + q.key(), () -> load(q));
    }

    private Page<StoredSignal> load(SignalQuery q) {
        return Page.of(signals.signals(q.withLimit(q.limit() + 1)), q.limit(), q.offset());
    }

    /** The one-line {@code text} of stored reasons, or null for a row stored before reasons were kept. */
    public static String reasonLine(String reasons) {
        try {
            com.fasterxml.jackson.databind.JsonNode n = io.dgas.app.Json.MAPPER.readTree(reasons);
            return n != null && n.hasNonNull("text") ? n.get("text").asText() : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * <b>[C]</b> {@code s}, made with the settings {@code settingsJson} ({@link SignalOutcomes#settingsJson}), with its
     * win probability from the decided outcomes stored so far (the table the cycle uses: those of the same settings,
     * else of every setting), {@code minCalibrated} decided outcomes per score decile at least.
     */
    public Signal calibrated(Signal s, int minCalibrated, String settingsJson) {
        // keyed by the settings themselves (a hash code could give two settings one entry)
        SignalOutcomes.Counts counts = cache.get(
                RegionSpec.SIGNALS, "signals:calibration:" + settingsJson, () -> outcomes.counts(settingsJson));
        return counts.table(minCalibrated).apply(s);
    }

    /**
     * Calibration of the entry signals of the {@code days} before {@code now} ({@link CalibrationJob}), through the
     * {@code dashboard} cache: outcomes also change as bars arrive, so its short time-to-live bounds the staleness.
     */
    public CalibrationJob.Report calibration(Instant now, int days) {
        return cache.get(
                RegionSpec.DASHBOARD,
                "signals:calibration:" + days,
                () -> new CalibrationJob(signals, new BarRepository(db), new io.dgas.store.runs.RunRepository(db))
                        .run(now, Duration.ofDays(days)));
    }
}
