package io.dgas.calc.drummond;

import java.util.Locale;

/**
 * One-line rendering of a signal's {@link SignalReasons}, e.g. {@code LONG AAPL 1d: HTF 1w trend up 0.82, support
 * 187.20–188.10 (2 TFs, w 3.5) 0.6 ATR below, C-wave up 4 bars, R:R 2.0}. Prices with 2 decimals, scores with 2,
 * weights, ATR distances and reward:risk with 1; the event shown is the latest supporting one.
 */
public final class ReasonText {
    private ReasonText() {}

    /** The line for {@code s}; a signal without reasons renders its type and symbol only. */
    public static String of(Signal s) {
        SignalReasons r = s.reasons();
        StringBuilder sb = new StringBuilder().append(s.type()).append(' ').append(s.symbol());
        if (r == null) {
            return sb.toString();
        }
        sb.append(' ')
                .append(r.trading().timeframe())
                .append(": HTF ")
                .append(r.htf().timeframe());
        sb.append(' ')
                .append(state(r.htf().state()))
                .append(' ')
                .append(Direction.code(r.htf().direction()));
        sb.append(' ').append(fmt("%.2f", r.htfStrength()));
        if (r.zone() == null) {
            sb.append(", trading ").append(state(r.trading().state()));
            sb.append(' ').append(Direction.code(r.trading().direction()));
            sb.append(", alignment ").append(fmt("%.2f", r.alignment().total()));
            sb.append(", action ").append(lower(r.action())).append(", risk ").append(lower(r.risk()));
            return sb.toString();
        }
        ConfluenceZone z = r.zone();
        sb.append(", ").append(z.role(r.close()).label());
        sb.append(' ').append(fmt("%.2f", z.lower())).append('–').append(fmt("%.2f", z.upper()));
        sb.append(" (")
                .append(z.strength())
                .append(" TFs, w ")
                .append(fmt("%.1f", z.weightedStrength()))
                .append(')');
        sb.append(' ').append(fmt("%.1f", Math.abs(r.close() - z.level()) / r.atr()));
        sb.append(" ATR ").append(z.level() <= r.close() ? "below" : "above");
        if (!r.events().isEmpty()) {
            SignalReasons.Event e = r.events().get(r.events().size() - 1);
            sb.append(", ").append(event(e.type())).append(' ').append(Direction.code(e.direction()));
            sb.append(' ').append(e.strength());
            sb.append(e.type() == PatternType.TERMINATION_TOUCH ? " lines" : " bars");
        }
        sb.append(", R:R ").append(fmt("%.1f", r.rewardRisk()));
        return sb.toString();
    }

    private static String event(PatternType t) {
        return switch (t) {
            case PLDOT_PUSH -> "PLdot push";
            case PLDOT_REFRESH -> "PLdot refresh";
            case C_WAVE -> "C-wave";
            default -> t.code().replace('_', ' ');
        };
    }

    private static String state(MarketState m) {
        return m == null ? "no state" : m.code().replace('_', ' ');
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code f} of {@code v} in {@link Locale#US}: for these patterns the same text as {@link Locale#ROOT}, but
     * {@link java.util.Formatter} knows US's decimal separator, where it looks ROOT's symbols up on every call (a warm
     * cycle formats every signal's reasons).
     */
    private static String fmt(String f, double v) {
        return String.format(Locale.US, f, v);
    }
}
