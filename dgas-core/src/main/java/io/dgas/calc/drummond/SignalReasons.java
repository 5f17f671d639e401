package io.dgas.calc.drummond;

import java.util.List;

/**
 * <b>[C]</b> Why a signal exists (drummond.md §7), as data; {@link ReasonText} renders it as one line.
 *
 * @param htf higher timeframe at the analysis time (confidence = its state confidence)
 * @param htfStrength §6 HTF strength
 * @param trading trading timeframe at the analysed bar
 * @param alignment §6 alignment and its parts
 * @param action §6 recommended action
 * @param risk §6 risk level
 * @param close trading close at the analysed bar, the price every zone role refers to
 * @param zone confluence zone the entry uses; null for exit signals
 * @param opposing nearest opposing zone with weighted strength ≥ the minimum (resistance above the close for LONG,
 *     support below it for SHORT), whether or not it capped the target; null when there is none or for exits
 * @param events supporting trading events (push, C-wave, refresh, termination touch in the signal's direction with
 *     the minimum strength) among the recent ones, in end order; empty for exits
 * @param atr Wilder ATR of the trading timeframe at the bar (NaN in its warm-up)
 * @param reach farthest allowed distance of the entry zone's level from the close (entry_reach_atr × ATR)
 * @param stopBuffer distance of the stop beyond the zone's far edge; NaN for exits
 * @param rewardRisk |target − entry| / |entry − stop| after the cap; NaN for exits
 * @param targetCapped whether the opposing zone's near edge replaced the reward:risk target
 */
public record SignalReasons(
        Frame htf,
        double htfStrength,
        Frame trading,
        Alignment alignment,
        MtfAnalysis.Action action,
        MtfAnalysis.Risk risk,
        double close,
        ConfluenceZone zone,
        ConfluenceZone opposing,
        List<Event> events,
        double atr,
        double reach,
        double stopBuffer,
        double rewardRisk,
        boolean targetCapped) {

    /**
     * One timeframe's state.
     *
     * @param timeframe timeframe code ("4h")
     * @param state market state (null before the state warm-up)
     * @param direction +1 up, −1 down, 0 neutral
     * @param confidence state confidence
     */
    public record Frame(String timeframe, MarketState state, int direction, double confidence) {}

    /**
     * §6 alignment: {@code total} = min(1, direction + state + confidence).
     *
     * @param total alignment score
     * @param direction 0.5 directions equal, 0.25 either neutral, else 0
     * @param state 0.2 states equal, 0.1 compatible, else 0
     * @param confidence 0.3 × mean state confidence
     */
    public record Alignment(double total, double direction, double state, double confidence) {}

    /**
     * A supporting pattern event of the trading timeframe.
     *
     * @param type event type
     * @param direction +1 or −1
     * @param start first trading bar
     * @param end last trading bar
     * @param strength §4 strength (bars for push, C-wave and refresh; zone strength for a termination touch)
     */
    public record Event(PatternType type, int direction, int start, int end, int strength) {}

    public SignalReasons {
        events = List.copyOf(events);
    }

    /** The reasons of a signal at the analysed bar of {@code m}; {@code plan} is null for exit signals. */
    static SignalReasons of(
            MtfAnalysis m,
            DrummondAnalysis htf,
            DrummondAnalysis trading,
            double close,
            double atr,
            EntryPlan plan,
            List<Event> events,
            SignalParams p) {
        return new SignalReasons(
                new Frame(htf.series().timeframe().code(), m.htfState(), m.htfDirection(), m.htfConfidence()),
                m.htfStrength(),
                new Frame(
                        trading.series().timeframe().code(),
                        m.tradingState(),
                        m.tradingDirection(),
                        m.tradingConfidence()),
                new Alignment(
                        m.alignment(),
                        MultiTimeframe.directionAlignment(m.htfDirection(), m.tradingDirection()),
                        MultiTimeframe.stateAlignment(m.htfState(), m.tradingState()),
                        MultiTimeframe.confidenceAlignment(m.htfConfidence(), m.tradingConfidence())),
                m.action(),
                m.risk(),
                close,
                plan == null ? null : plan.zone(),
                plan == null ? null : plan.opposing(),
                events,
                atr,
                p.entryReachAtr() * atr,
                plan == null ? Double.NaN : plan.buffer(),
                plan == null ? Double.NaN : plan.rewardRisk(),
                plan != null && plan.capped());
    }
}
