package io.dgas.calc.drummond;

import io.dgas.domain.BarSeries;
import java.util.Arrays;

/**
 * One envelope method's rows for a whole series (drummond.md §2): arrays indexed by bar, NaN before the PLdot
 * warm-up (and, for the range methods, for the first period − 1 rows).
 */
public record EnvelopeSeries(
        EnvelopeParams params, double[] center, double[] upper, double[] lower, double[] width, double[] position) {

    /** Computes {@code params}' envelope over the first {@code n} bars given their PLdots. */
    public static EnvelopeSeries compute(BarSeries s, double[] pldot, EnvelopeParams params, int n) {
        double[] center = Arrays.copyOf(pldot, n);
        double[] up = new double[n];
        double[] lo = new double[n];
        double[] w = new double[n];
        double[] pos = new double[n];
        for (int i = 0; i < n; i++) {
            double off = Envelope.offset(params, s.high(), s.low(), s.close(), pldot, i);
            up[i] = center[i] + off;
            lo[i] = center[i] - off;
            w[i] = 2 * off;
            pos[i] = Envelope.position(s.close()[i], lo[i], w[i]);
        }
        return new EnvelopeSeries(params, center, up, lo, w, pos);
    }
}
