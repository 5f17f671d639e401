package io.dgas.calc.drummond;

/**
 * Envelope settings (drummond.md §2).
 *
 * @param method offset method
 * @param period rows in the window, 2–1000 (sample standard deviation needs two)
 * @param multiplier offset multiplier, &gt; 0
 * @param percent offset fraction of the centre for {@link EnvelopeMethod#PERCENTAGE}, (0, 1]
 */
public record EnvelopeParams(EnvelopeMethod method, int period, double multiplier, double percent) {

    public EnvelopeParams {
        Check.notNull("envelope.method", method);
        Check.range("envelope.period", period, 2, 1000);
        Check.range("envelope.multiplier", multiplier, 1e-9, 1000);
        Check.range("envelope.percent", percent, 1e-9, 1);
    }

    public static EnvelopeParams defaults() {
        return of(EnvelopeMethod.PLDOT_RANGE);
    }

    public static EnvelopeParams of(EnvelopeMethod method) {
        return new EnvelopeParams(method, 3, 1.5, 0.02);
    }
}
