package io.dgas.app.collect;

import io.dgas.domain.Timeframe;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Which stored timeframes a source cannot serve are derived, and from which base: the coarsest timeframe fetched for
 * the symbol (stored and served) that the target is a multiple of; when none is, the coarsest the source serves that
 * the target is a multiple of, which is then fetched too. A target no served timeframe divides is not derived.
 *
 * <p>Why the coarsest: complete buckets are the same from any base, but a rollup reads the base's whole stored history,
 * and finer series are both longer per day and shorter in history (EODHD keeps 1m for 120 days), so a weekly bar
 * rolled up from 1m would be rebuilt from a stretch that starts mid-week.
 */
final class DerivedTimeframes {
    private DerivedTimeframes() {}

    /**
     * @param stored the symbol's stored timeframes
     * @param served what the source serves
     * @return target → base for every stored timeframe the source does not serve and a served one divides
     */
    static Map<Timeframe, Timeframe> bases(Set<Timeframe> stored, Set<Timeframe> served) {
        Map<Timeframe, Timeframe> out = new EnumMap<>(Timeframe.class);
        for (Timeframe target : stored) {
            if (served.contains(target)) {
                continue;
            }
            Timeframe base = null;
            for (Timeframe f : Timeframe.values()) { // ascending: the last fetched divisor is the coarsest
                if (stored.contains(f) && served.contains(f) && target.isHigherOver(f)) {
                    base = f;
                }
            }
            if (base == null) {
                for (Timeframe f : Timeframe.values()) { // ascending: the last divisor is the coarsest
                    if (served.contains(f) && target.isHigherOver(f)) {
                        base = f;
                    }
                }
            }
            if (base != null) {
                out.put(target, base);
            }
        }
        return out;
    }
}
