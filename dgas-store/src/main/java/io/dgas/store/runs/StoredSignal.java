package io.dgas.store.runs;

import java.time.Instant;

/**
 * A signal as stored: type and tier lower-case, stop/target null for exit signals.
 *
 * @param reasons <b>[C]</b> why it exists, a JSON object (see {@code ReasonsJson}); {@code []} for rows stored before
 *     reasons were kept
 * @param winProbability win probability from calibration, null when uncalibrated
 * @param winProbabilityLower its Wilson lower bound (95 %), null when uncalibrated
 * @param calibrationDecided decided outcomes of the score decile when it was issued
 * @param expiryBars trading bars after the signal's in which the entry may fill; null for older rows
 * @param expiresAt end of the last bar in which the entry may fill (calendar estimate); null for older rows
 * @param outcome outcome recorded by the cycle ({@code win}, {@code loss}, …), null before the first resolution
 * @param outcomeR profit in R of a resolved trade, null without an exit
 * @param calibrationScope <b>[C]</b> what the probability rests on: {@code settings}, past signals made with the same
 *     settings, or {@code all}, those of every setting (the same settings had too few decided in the decile); null when
 *     uncalibrated or stored before it was kept
 */
public record StoredSignal(
        long id,
        long runId,
        String symbol,
        String timeframe,
        Instant ts,
        String type,
        double entry,
        Double stop,
        Double target,
        double confidence,
        double strength,
        double alignment,
        String tier,
        @com.fasterxml.jackson.annotation.JsonRawValue String reasons,
        Double winProbability,
        Double winProbabilityLower,
        int calibrationDecided,
        Integer expiryBars,
        Instant expiresAt,
        String outcome,
        Double outcomeR,
        String calibrationScope)
        implements java.io.Serializable {}
