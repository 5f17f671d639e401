package io.dgas.app.cycle;

import io.dgas.calc.drummond.Signal;
import io.dgas.calc.format.ReasonsJson;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/** <b>[C]</b> How the CLI and the cycle summary show a signal's win probability and reasons. */
public final class SignalText {
    private SignalText() {}

    /**
     * "0.54 ≥0.41 (n 120)", "0.54 ≥0.41 (n 120, all settings)" when the outcomes are those of every setting (the
     * signal's own had too few), or "uncalibrated (n 12)" when the decile held too few decided outcomes.
     */
    public static String probability(Double rate, Double lower, int decided, String scope) {
        if (rate == null || rate.isNaN()) {
            return "uncalibrated (n " + decided + ")";
        }
        return String.format(
                Locale.ROOT, "%.2f ≥%.2f (n %d%s)", rate, lower, decided, "all".equals(scope) ? ", all settings" : "");
    }

    /** {@link #probability} of a computed signal. */
    public static String probability(Signal s) {
        return probability(
                s.probability().rate(),
                s.probability().lowerBound(),
                s.probability().decided(),
                s.probability().scope());
    }

    /** The --json fields a computed signal adds: probability, expiry and the reasons structure. */
    public static void put(Map<String, Object> m, Signal s) {
        m.put("win_probability", s.probability().calibrated() ? s.probability().rate() : null);
        m.put(
                "win_probability_lower",
                s.probability().calibrated() ? s.probability().lowerBound() : null);
        m.put("calibration_decided", s.probability().decided());
        m.put("calibration_scope", s.probability().scope());
        m.put("expiry_bars", s.expiryBars() == Signal.NO_EXPIRY ? null : s.expiryBars());
        try {
            m.put("reasons", io.dgas.app.Json.MAPPER.readTree(ReasonsJson.of(s)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
