package io.dgas.store.cache;

import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.LatestBar;
import io.dgas.store.runs.RunRecord;
import io.dgas.store.runs.RunRepository;
import io.dgas.store.runs.StoredSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The read paths the dashboard and API use, through the named query caches. Keys start with what invalidates them:
 * {@code bars:<SYMBOL>:<tf>:…} and {@code latest:<tf>:…} (dropped by {@link CacheInvalidation} when that series is
 * ingested), {@code signals:…} and {@code runs:…} (dropped when a run is stored).
 */
public final class CachedReads {
    private final BarRepository bars;
    private final RunRepository runs;
    private final QueryCache cache;

    public CachedReads(BarRepository bars, RunRepository runs, QueryCache cache) {
        this.bars = bars;
        this.runs = runs;
        this.cache = cache;
    }

    /** The newest {@code n} bars of a series, oldest first. */
    public BarColumns lastBars(String symbol, Timeframe tf, int n) {
        return cache.get(
                RegionSpec.MARKET_DATA,
                "bars:" + symbol + ":" + tf.code() + ":last:" + n,
                () -> bars.last(symbol, tf, n));
    }

    /** The latest bar of each symbol. */
    public Map<String, LatestBar> latest(Collection<String> symbols, Timeframe tf) {
        String key = "latest:" + tf.code() + ":" + String.join(",", new TreeSet<>(symbols));
        return cache.get(RegionSpec.MARKET_DATA, key, () -> Map.copyOf(bars.latest(symbols, tf)));
    }

    /** Latest stored signals. */
    public List<StoredSignal> signals(int limit, double minConfidence) {
        return cache.get(
                RegionSpec.SIGNALS,
                "signals:latest:" + limit + ":" + minConfidence,
                () -> List.copyOf(runs.signals(limit, minConfidence)));
    }

    /** Runs of the last {@code window}, rounded to the minute so that nearby requests share an entry. */
    public List<RunRecord> recentRuns(Instant now, Duration window) {
        Instant minute = Instant.ofEpochSecond(now.getEpochSecond() / 60 * 60);
        return cache.get(
                RegionSpec.DASHBOARD,
                "runs:recent:" + window.toSeconds() + ":" + minute.getEpochSecond(),
                () -> List.copyOf(runs.recent(minute.plusSeconds(60), window, 0)));
    }
}
