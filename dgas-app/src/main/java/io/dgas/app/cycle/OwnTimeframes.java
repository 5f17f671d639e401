package io.dgas.app.cycle;

import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.SymbolTimeframes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Fits a cycle to each symbol's own data. A symbol without bars at the run's trading timeframe is analysed at the
 * timeframe its data has nearest to it (coarser preferred) with the next timeframe up as its higher one (AAPL with daily
 * bars only: 1d with 1w). A symbol of historical sample data is judged stale against its own last trading time, not the
 * wall clock. Only symbols that need it (too few trading bars, or stale) are looked up, in one query per batch.
 */
public final class OwnTimeframes {
    /**
     * How one symbol is analysed when it differs from the run's request.
     *
     * @param trading its trading timeframe
     * @param htf its higher timeframe
     * @param asOf the time its staleness is judged against
     * @param staleAfter its staleness threshold (at least the default of its trading timeframe)
     */
    record Plan(Timeframe trading, Timeframe htf, Instant asOf, Duration staleAfter) {}

    private final SymbolTimeframes catalog;

    OwnTimeframes(SymbolTimeframes catalog) {
        this.catalog = catalog;
    }

    /** Plans for the symbols of a batch that differ from the request; no query when none needs one. */
    Map<String, Plan> plans(List<String> symbols, Map<String, BarColumns> trading, CycleRequest r, Instant asOf) {
        List<String> needs = new ArrayList<>();
        for (String s : symbols) {
            BarColumns c = trading.get(s);
            if (c == null || c.size() < 3 || isStale(c, asOf, r.staleAfter())) {
                needs.add(s);
            }
        }
        if (needs.isEmpty()) {
            return new LinkedHashMap<>();
        }
        return plans(needs, info(needs), s -> usable(trading.get(s)), r, asOf);
    }

    /** What the catalog knows of {@code symbols} (timeframes stored, historical until), in one query. */
    Map<String, SymbolTimeframes.Info> info(List<String> symbols) {
        return catalog.of(symbols);
    }

    /**
     * Plans of the symbols {@code needs} (those stale or unusable at the request's trading timeframe) from what the
     * catalog knows of them; no query.
     *
     * @param hasTrading whether a symbol has at least 3 bars at the request's trading timeframe
     */
    Map<String, Plan> plans(
            List<String> needs,
            Map<String, SymbolTimeframes.Info> infos,
            Predicate<String> hasTrading,
            CycleRequest r,
            Instant asOf) {
        Map<String, Plan> out = new LinkedHashMap<>();
        for (String s : needs) {
            SymbolTimeframes.Info info = infos.get(s);
            if (info == null) {
                continue;
            }
            Instant own =
                    info.historicalUntil() != null && info.historicalUntil().isBefore(asOf)
                            ? info.historicalUntil()
                            : asOf;
            boolean usable = hasTrading.test(s);
            Timeframe tf = usable ? r.trading() : nearest(info.timeframes(), r.trading());
            if (tf == null || (tf == r.trading() && own.equals(asOf))) {
                continue;
            }
            Timeframe htf = tf == r.trading() ? r.htf() : tf.defaultHigher().orElseThrow();
            Duration stale =
                    tf == r.trading() ? r.staleAfter() : max(r.staleAfter(), CycleRequest.defaultStaleAfter(tf));
            out.put(s, new Plan(tf, htf, own, stale));
        }
        return out;
    }

    private static boolean usable(BarColumns c) {
        return c != null && c.size() >= 3;
    }

    /**
     * The stored timeframe nearest to {@code wanted} that has a higher one: coarser first, else finer ({@code stored}
     * finest first); null when none has.
     */
    public static Timeframe nearest(List<Timeframe> stored, Timeframe wanted) {
        Timeframe finer = null;
        for (Timeframe tf : stored) {
            if (tf.defaultHigher().isEmpty()) {
                continue;
            }
            if (tf.seconds() > wanted.seconds()) {
                return tf;
            }
            finer = tf;
        }
        return finer;
    }

    /**
     * {@link #nearest}, else, when no stored timeframe has a higher one (weekly bars alone), the coarsest stored one,
     * analysed alone; null when nothing is stored. What a chart or an analysis asked without a timeframe shows.
     */
    public static Timeframe nearestOrAlone(List<Timeframe> stored, Timeframe wanted) {
        Timeframe tf = nearest(stored, wanted);
        return tf != null || stored.isEmpty() ? tf : stored.get(stored.size() - 1);
    }

    private static boolean isStale(BarColumns c, Instant asOf, Duration staleAfter) {
        long newestEnd = c.ts()[c.size() - 1] + c.timeframe().seconds();
        return asOf.getEpochSecond() - newestEnd > staleAfter.toSeconds();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
