package io.dgas.calc.format;

import io.dgas.calc.drummond.Calibration;
import io.dgas.calc.drummond.ConfluenceZone;
import io.dgas.calc.drummond.Direction;
import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.MtfAnalysis;
import io.dgas.calc.drummond.ReasonText;
import io.dgas.calc.drummond.Signal;
import io.dgas.domain.BarSeries;
import java.util.List;
import java.util.Locale;

/** JSON for the multi-timeframe analysis ({@code mtf.json}) and the signals ({@code signals.json}). */
public final class MtfJson {
    private MtfJson() {}

    public static String mtf(MtfAnalysis m, DrummondAnalysis htf, DrummondAnalysis trading) {
        StringBuilder sb = new StringBuilder();
        JsonWriter w = new JsonWriter(sb).beginObject();
        w.name("timestamp").value(Timestamps.format(m.ts()));
        w.name("higher_timeframe").value(htf.series().timeframe().code());
        w.name("trading_timeframe").value(trading.series().timeframe().code());
        w.name("htf_bar_timestamp").value(Timestamps.format(m.htfTs()));
        w.name("htf_state").value(m.htfState().code());
        w.name("htf_trend_direction").value(Direction.code(m.htfDirection()));
        w.name("htf_confidence").value(m.htfConfidence());
        w.name("htf_strength").value(m.htfStrength());
        w.name("trading_state").value(m.tradingState().code());
        w.name("trading_trend_direction").value(Direction.code(m.tradingDirection()));
        w.name("trading_confidence").value(m.tradingConfidence());
        w.name("alignment_score").value(m.alignment());
        w.name("alignment_type").value(lower(m.alignmentType()));
        w.name("trade_permitted").value(m.tradePermitted());
        w.name("pldot_overlay").beginObject();
        w.name("distance_percent").value(m.overlayDistancePct());
        w.name("position").value(m.overlayPosition());
        w.endObject();
        w.name("confluence_zones").beginArray();
        for (ConfluenceZone z : m.zones()) {
            w.beginObject();
            w.name("level").value(z.level());
            w.name("lower_bound").value(z.lower());
            w.name("upper_bound").value(z.upper());
            w.name("zone_type").value(z.typeCode());
            w.name("strength").value(z.strength());
            w.name("weighted_strength").value(z.weightedStrength());
            w.endObject();
        }
        w.endArray();
        w.name("htf_recent_patterns").beginArray();
        for (int k : m.recentHtfPatterns()) {
            DrummondJson.event(w, htf.patterns(), k, htf.series());
        }
        w.endArray();
        w.name("trading_recent_patterns").beginArray();
        for (int k : m.recentTradingPatterns()) {
            DrummondJson.event(w, trading.patterns(), k, trading.series());
        }
        w.endArray();
        w.name("pattern_confluence").value(m.patternConfluence());
        w.name("signal_strength").value(m.signalStrength());
        w.name("risk_level").value(lower(m.risk()));
        w.name("recommended_action").value(lower(m.action()));
        w.endObject();
        return sb.append('\n').toString();
    }

    /**
     * Signals in rank order with their expiry, calibration outcome over {@code windowSeconds} of {@code trading} and
     * one-line reason.
     */
    public static String signals(List<Signal> signals, BarSeries trading, long windowSeconds) {
        StringBuilder sb = new StringBuilder();
        JsonWriter w = new JsonWriter(sb).beginObject();
        w.name("signal_count").value(signals.size());
        w.name("signals").beginArray();
        for (Signal s : signals) {
            w.beginObject();
            w.name("symbol").value(s.symbol());
            w.name("timestamp").value(Timestamps.format(s.ts()));
            w.name("signal_type").value(lower(s.type()));
            w.name("entry_price").value(s.entry());
            w.name("stop_loss").value(s.stop());
            w.name("target_price").value(s.target());
            w.name("confidence").value(s.confidence());
            w.name("signal_strength").value(s.strength());
            w.name("alignment_score").value(s.alignment());
            w.name("tier").value(lower(s.tier()));
            w.name("position_size").value(s.tier().size());
            w.name("pattern_confluence").value(s.patternConfluence());
            w.name("expiry_bars").value(s.expiryBars());
            w.name("outcome").value(lower(Calibration.evaluate(s, trading, windowSeconds)));
            w.name("reason").value(ReasonText.of(s));
            w.endObject();
        }
        w.endArray().endObject();
        return sb.append('\n').toString();
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
