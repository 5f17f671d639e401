package io.dgas.calc.drummond;

import java.util.List;

/**
 * Multi-timeframe coordination at one trading bar (drummond.md §6).
 *
 * @param tradingIndex analysed trading bar
 * @param ts its timestamp
 * @param htfIndex latest higher-timeframe bar complete at that time
 * @param htfTs its timestamp
 * @param htfState higher-timeframe state
 * @param htfDirection its direction
 * @param htfConfidence its confidence
 * @param htfStrength §6 HTF strength
 * @param tradingState trading state
 * @param tradingDirection its direction
 * @param tradingConfidence its confidence
 * @param alignment alignment score
 * @param alignmentType alignment class
 * @param tradePermitted whether a trade is permitted
 * @param overlayDistancePct (trading − HTF PLdot) / HTF PLdot × 100
 * @param overlayPosition "above", "below" or "at"
 * @param zones confluence zones, strongest first
 * @param recentHtfPatterns indices into the HTF analysis' events: last N by end time, known at htfIndex
 * @param recentTradingPatterns indices into the trading analysis' events, known at tradingIndex
 * @param patternConfluence whether an HTF and a trading event agree and overlap in time
 * @param signalStrength §6 signal strength
 * @param risk risk level
 * @param action recommended action
 */
public record MtfAnalysis(
        int tradingIndex,
        long ts,
        int htfIndex,
        long htfTs,
        MarketState htfState,
        int htfDirection,
        double htfConfidence,
        double htfStrength,
        MarketState tradingState,
        int tradingDirection,
        double tradingConfidence,
        double alignment,
        AlignmentType alignmentType,
        boolean tradePermitted,
        double overlayDistancePct,
        String overlayPosition,
        List<ConfluenceZone> zones,
        int[] recentHtfPatterns,
        int[] recentTradingPatterns,
        boolean patternConfluence,
        double signalStrength,
        Risk risk,
        Action action) {

    public enum AlignmentType {
        PERFECT,
        PARTIAL,
        DIVERGENT,
        CONFLICTING
    }

    public enum Risk {
        LOW,
        MEDIUM,
        HIGH
    }

    public enum Action {
        LONG,
        SHORT,
        WAIT,
        REDUCE
    }
}
