package io.dgas.calc.drummond;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * <b>[C]</b> Figures of replayed signals (drummond.md §7), pure: per group (all, type, tier, score decile) the
 * signals, fill rate, wins, losses, average R and the expectancy net of costs with its 95 % interval; the calibration
 * table of the probabilities the signals carried; and the issue-time checks.
 *
 * <p>Definitions: fill rate = filled / (filled + not filled); average R = mean gross R of the trades with an exit (win,
 * loss, time exit); expectancy = mean net R of those, interval = mean ± z·s/√n (s the sample standard deviation, NaN
 * below two trades). Calibration rows bucket the calibrated signals that were decided by their predicted probability
 * (tenths): n, mean predicted, observed win rate; Brier = mean (p − won)² over them. Violations count entry signals
 * whose stop, entry, close and target break the issue-time inequalities; entry distance = |close − entry| / ATR.
 */
public record EvaluationReport(
        List<Group> groups,
        List<CalibrationRow> calibration,
        double brier,
        int calibratedDecided,
        int violations,
        double medianEntryAtr) {

    /**
     * One group's figures.
     *
     * @param key {@code all}, {@code type=long}, {@code tier=high}, {@code decile=6}
     */
    public record Group(
            String key,
            int signals,
            int filled,
            int notFilled,
            int wins,
            int losses,
            int timeExits,
            int pending,
            double fillRate,
            double avgR,
            double expectancy,
            double expectancyLow,
            double expectancyHigh) {}

    /**
     * Predicted versus observed for the calibrated, decided signals with predicted probability in [from, from + 0.1).
     */
    public record CalibrationRow(double from, int n, double predicted, double observed) {}

    public static EvaluationReport of(List<SignalReplay.Trade> trades) {
        List<Group> groups = new ArrayList<>();
        groups.add(group("all", trades));
        groups.addAll(by(trades, t -> "type=" + lower(t.signal().type())));
        groups.addAll(by(trades, t -> "tier=" + lower(t.signal().tier())));
        groups.addAll(
                by(trades, t -> "decile=" + CalibrationTable.decile(t.signal().confidence())));
        int[] n = new int[10];
        double[] predicted = new double[10];
        int[] won = new int[10];
        double brier = 0;
        int decided = 0;
        int violations = 0;
        double[] distance = new double[trades.size()];
        int d = 0;
        for (SignalReplay.Trade t : trades) {
            Signal s = t.signal();
            SignalReasons r = s.reasons();
            int dir = s.type() == Signal.Type.LONG ? 1 : -1;
            if (r != null) {
                violations += EntryPlan.validAtIssue(dir, s.stop(), s.entry(), r.close(), s.target()) ? 0 : 1;
                distance[d++] = Math.abs(r.close() - s.entry()) / r.atr();
            }
            Calibration.Outcome o = t.result().outcome();
            if (!s.probability().calibrated() || (o != Calibration.Outcome.WIN && o != Calibration.Outcome.LOSS)) {
                continue;
            }
            double p = s.probability().rate();
            int y = o == Calibration.Outcome.WIN ? 1 : 0;
            int b = Math.min(9, (int) Math.floor(p * 10));
            n[b]++;
            predicted[b] += p;
            won[b] += y;
            brier += (p - y) * (p - y);
            decided++;
        }
        List<CalibrationRow> rows = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            if (n[b] > 0) {
                rows.add(new CalibrationRow(b / 10.0, n[b], predicted[b] / n[b], (double) won[b] / n[b]));
            }
        }
        return new EvaluationReport(
                groups,
                rows,
                decided == 0 ? Double.NaN : brier / decided,
                decided,
                violations,
                median(Arrays.copyOf(distance, d)));
    }

    /** The figures of {@code trades} under {@code key}. */
    public static Group group(String key, List<SignalReplay.Trade> trades) {
        int filled = 0;
        int notFilled = 0;
        int wins = 0;
        int losses = 0;
        int timeExits = 0;
        int pending = 0;
        int closed = 0;
        double sumR = 0;
        double sumNet = 0;
        double sumNet2 = 0;
        for (SignalReplay.Trade t : trades) {
            Calibration.Outcome o = t.result().outcome();
            filled += t.result().fillBar() >= 0 ? 1 : 0;
            notFilled += o == Calibration.Outcome.NOT_FILLED ? 1 : 0;
            wins += o == Calibration.Outcome.WIN ? 1 : 0;
            losses += o == Calibration.Outcome.LOSS ? 1 : 0;
            timeExits += o == Calibration.Outcome.NEUTRAL ? 1 : 0;
            pending += o == Calibration.Outcome.PENDING ? 1 : 0;
            if (t.closed()) {
                closed++;
                sumR += t.result().r();
                sumNet += t.netR();
                sumNet2 += t.netR() * t.netR();
            }
        }
        double mean = closed == 0 ? Double.NaN : sumNet / closed;
        double half = closed < 2
                ? Double.NaN
                : WinProbability.Z95 * Math.sqrt(Math.max(0, (sumNet2 - closed * mean * mean) / (closed - 1)) / closed);
        return new Group(
                key,
                trades.size(),
                filled,
                notFilled,
                wins,
                losses,
                timeExits,
                pending,
                filled + notFilled == 0 ? Double.NaN : (double) filled / (filled + notFilled),
                closed == 0 ? Double.NaN : sumR / closed,
                mean,
                mean - half,
                mean + half);
    }

    private static List<Group> by(List<SignalReplay.Trade> trades, Function<SignalReplay.Trade, String> key) {
        Map<String, List<SignalReplay.Trade>> parts = new LinkedHashMap<>();
        trades.stream()
                .sorted(java.util.Comparator.comparing(key))
                .forEach(t -> parts.computeIfAbsent(key.apply(t), k -> new ArrayList<>())
                        .add(t));
        List<Group> out = new ArrayList<>();
        parts.forEach((k, list) -> out.add(group(k, list)));
        return out;
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2.0;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
