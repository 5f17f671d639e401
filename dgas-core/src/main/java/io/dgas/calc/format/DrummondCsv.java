package io.dgas.calc.format;

import io.dgas.calc.drummond.Direction;
import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.DrummondLines;
import io.dgas.calc.drummond.EnvelopeSeries;
import io.dgas.calc.drummond.MarketState;
import io.dgas.calc.drummond.PlDot;
import io.dgas.calc.drummond.StateReason;
import io.dgas.calc.drummond.StateSeries;
import io.dgas.domain.BarSeries;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * CSV writers for drummond.md §8 (pldot, envelope, states, lines): one row per bar with a value (from bar 2; lines
 * from bar 1), UTC timestamps, NaN as {@code NaN}. In states, {@code previous_state} and {@code state_change_reason}
 * are written only on the row where the state changed and the trend at congestion entrance only when set, as the
 * reference does.
 */
public final class DrummondCsv {
    private DrummondCsv() {}

    public static void pldot(DrummondAnalysis a, Appendable out) {
        try {
            out.append("timestamp,value,slope,projected_timestamp,projected_value,displacement\n");
            long[] ts = a.series().ts();
            for (int i = PlDot.WARM_UP; i < a.size(); i++) {
                out.append(Timestamps.format(ts[i])).append(',');
                out.append(Num.format(a.pldot()[i])).append(',');
                out.append(Num.format(a.slope()[i])).append(',');
                out.append(Timestamps.format(a.projectedTs(i))).append(',');
                out.append(Num.format(a.pldot()[i])).append(',');
                out.append(Integer.toString(a.params().displacement())).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void envelope(BarSeries s, EnvelopeSeries e, int n, Appendable out) {
        try {
            out.append("timestamp,center,upper,lower,width,position\n");
            for (int i = PlDot.WARM_UP; i < n; i++) {
                out.append(Timestamps.format(s.ts()[i])).append(',');
                out.append(Num.format(e.center()[i])).append(',');
                out.append(Num.format(e.upper()[i])).append(',');
                out.append(Num.format(e.lower()[i])).append(',');
                out.append(Num.format(e.width()[i])).append(',');
                out.append(Num.format(e.position()[i])).append('\n');
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static void states(DrummondAnalysis a, Appendable out) {
        try {
            out.append("timestamp,state,trend_direction,bars_in_state,previous_state,pldot_slope_trend,confidence,"
                    + "state_change_reason,trend_at_congestion_entrance,bars_in_congestion\n");
            StateSeries st = a.states();
            for (int i = PlDot.WARM_UP; i < a.size(); i++) {
                boolean changed = st.barsInState()[i] == 1;
                MarketState prev = MarketState.of(st.previousState()[i]);
                int tace = st.trendAtCongestionEntrance()[i];
                out.append(Timestamps.format(a.series().ts()[i])).append(',');
                out.append(MarketState.of(st.state()[i]).code()).append(',');
                out.append(Direction.code(st.direction()[i])).append(',');
                out.append(Integer.toString(st.barsInState()[i])).append(',');
                out.append(changed && prev != null ? prev.code() : "").append(',');
                out.append(Direction.slopeCode(st.slopeClass()[i])).append(',');
                out.append(Num.format(st.confidence()[i])).append(',');
                out.append(changed ? StateReason.of(st.reason()[i]).text() : "").append(',');
                out.append(tace == 0 ? "" : Direction.code(tace)).append(',');
                out.append(Integer.toString(st.barsInCongestion()[i])).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void lines(DrummondLines lines, Appendable out) {
        try {
            out.append("start_timestamp,end_timestamp,line_type,start_price,end_price,slope,projected_timestamp,"
                    + "projected_price\n");
            for (int id = 0; id < lines.count(); id++) {
                out.append(Timestamps.format(lines.startTs(id))).append(',');
                out.append(Timestamps.format(lines.endTs(id))).append(',');
                out.append(DrummondLines.typeCode(DrummondLines.type(id))).append(',');
                out.append(Num.format(lines.startPrice(id))).append(',');
                out.append(Num.format(lines.endPrice(id))).append(',');
                out.append(Num.format(lines.slope(id))).append(',');
                out.append(Timestamps.format(lines.projectedTs(id))).append(',');
                out.append(Num.format(lines.projectedPrice(id))).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
