package io.dgas.calc.drummond;

/**
 * Exit checks for an open position, drummond.md §7: an exhaust event against the position (confidence 0.7), the
 * higher-timeframe trend against it (0.8), a termination touch against it (0.65); the most confident that holds.
 *
 * <p>Design notes: "against" means the event's (or HTF trend's) direction is opposite to the position's; events
 * count when they end at the analysed bar, so a check reacts once, when the event is confirmed.
 */
public final class ExitCheck {
    private ExitCheck() {}

    /** Result: {@code confidence} 0 and reason "none" when no check holds. */
    public record Decision(boolean exit, double confidence, String reason) {}

    public static Decision evaluate(int positionDirection, MtfAnalysis m, DrummondAnalysis trading) {
        double best = 0;
        String reason = "none";
        if (m.htfState() == MarketState.TREND && m.htfDirection() == -positionDirection) {
            best = 0.8;
            reason = "higher-timeframe trend against the position";
        }
        PatternEvents e = trading.patterns();
        for (int k : m.recentTradingPatterns()) {
            if (e.end(k) != m.tradingIndex() || e.direction(k) != -positionDirection) {
                continue;
            }
            if (e.type(k) == PatternType.EXHAUST && best < 0.7) {
                best = 0.7;
                reason = "exhaust against the position";
            } else if (e.type(k) == PatternType.TERMINATION_TOUCH && best < 0.65) {
                best = 0.65;
                reason = "termination touch against the position";
            }
        }
        return new Decision(best > 0, best, reason);
    }
}
