package io.dgas.app.stream;

import io.dgas.app.cycle.ShownTimeframes;
import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.MarketState;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.events.EventPublisher.Event;
import io.dgas.store.ingest.IngestListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the stream's forming bars with their live analysis: every {@code every} the forming bars that changed since
 * the last round go through {@link FormingAnalyzer} (series met for the first time are seeded from the database, one
 * query per timeframe) and each becomes one {@code forming} event {@code {symbol, timeframe, ts, open, high, low,
 * close, volume, trades, pldot, upper, lower, state}} ({@code ts} the bucket start in epoch seconds; the analysis
 * fields null while fewer than 3 bars are known) sent with {@code pg_notify}, so every {@code dgas serve} on the
 * database forwards it to its dashboards. Forming bars are never stored; the completed bar is, by the stream. Only the
 * timeframes a symbol is analysed at are published ({@link ShownTimeframes}: the cycle's pair and the symbol's own), not
 * every timeframe the stream keeps forming.
 *
 * <p>As an {@link IngestListener} (fed the {@code bars} events of every process, {@link
 * io.dgas.app.events.RemoteBarChanges}) it forgets a series whose stored bars changed (a correction, or the stream's own
 * completed bar), so the next round seeds it again from the database: the analysis is always of the stored bars plus
 * the forming one.
 */
public final class FormingFeed implements AutoCloseable, IngestListener {
    private static final Logger LOG = LoggerFactory.getLogger(FormingFeed.class);

    private final StreamSink sink;
    private final BarRepository bars;
    private final EventPublisher events;
    private final int window;
    private final FormingAnalyzer analyzer;
    private final ShownTimeframes shown;
    private final Map<String, FormingBar> published = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dgas-forming-feed");
        t.setDaemon(true);
        return t;
    });

    /** A feed publishing every timeframe the sink keeps forming. */
    public FormingFeed(StreamSink sink, BarRepository bars, EventPublisher events, int window) {
        this(sink, bars, events, window, null);
    }

    /**
     * @param window stored bars analysed before each forming one
     * @param shown the timeframes published per symbol; null: every timeframe the sink keeps forming
     */
    public FormingFeed(StreamSink sink, BarRepository bars, EventPublisher events, int window, ShownTimeframes shown) {
        this.shown = shown;
        this.sink = sink;
        this.bars = bars;
        this.events = events;
        this.window = window;
        this.analyzer = new FormingAnalyzer(window);
    }

    /** Publishes every {@code every} until closed. */
    public FormingFeed start(Duration every) {
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        publish();
                    } catch (RuntimeException e) {
                        LOG.warn("forming bars not published ({}); the next round retries", e.getMessage());
                    }
                },
                every.toMillis(),
                every.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public synchronized void seriesChanged(String symbol, Timeframe tf) {
        analyzer.forget(symbol, tf);
        if (shown != null) {
            shown.forget(symbol, null);
        }
    }

    @Override
    public synchronized void barsChanged(String symbol, Timeframe tf, long from) {
        analyzer.forget(symbol, tf);
        if (shown != null) {
            shown.forget(symbol, tf);
        }
    }

    /** One round: analyses and publishes the forming bars that changed; returns how many events went out. */
    public synchronized int publish() {
        List<FormingBar> changed = new ArrayList<>();
        List<FormingBar> forming = sink.formingBars();
        Map<String, java.util.Set<Timeframe>> frames = shown == null ? null : shownOf(forming);
        for (FormingBar f : forming) {
            if (frames != null && !frames.get(f.symbol()).contains(f.timeframe())) {
                continue;
            }
            if (!f.equals(published.get(key(f)))) {
                changed.add(f);
            }
        }
        seed(changed);
        List<Event> out = new ArrayList<>();
        for (FormingBar f : changed) {
            if (analyzer.update(f)) {
                out.add(new Event("forming", data(f, analyzer.analysis(f.symbol(), f.timeframe()))));
            }
            published.put(key(f), f);
        }
        if (!out.isEmpty()) {
            events.publish(out);
        }
        return out.size();
    }

    private Map<String, java.util.Set<Timeframe>> shownOf(List<FormingBar> forming) {
        java.util.Set<String> symbols = new java.util.LinkedHashSet<>();
        for (FormingBar f : forming) {
            symbols.add(f.symbol());
        }
        return shown.of(symbols);
    }

    private void seed(List<FormingBar> changed) {
        Map<Timeframe, Map<String, Long>> missing = new EnumMap<>(Timeframe.class);
        for (FormingBar f : changed) {
            if (!analyzer.has(f.symbol(), f.timeframe())) {
                missing.computeIfAbsent(f.timeframe(), k -> new LinkedHashMap<>())
                        .put(f.symbol(), f.start());
            }
        }
        missing.forEach((tf, starts) -> {
            // one more than the window: the stored bar of the forming bucket itself, if any, is left out
            Map<String, BarColumns> stored = bars.lastForSymbols(starts.keySet(), tf, window + 1);
            starts.forEach((symbol, start) ->
                    analyzer.seed(symbol, tf, stored.getOrDefault(symbol, BarColumns.empty(symbol, tf)), start));
        });
    }

    private static Map<String, Object> data(FormingBar f, DrummondAnalysis a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbol", f.symbol());
        m.put("timeframe", f.timeframe().code());
        m.put("ts", f.start());
        m.put("open", f.open());
        m.put("high", f.high());
        m.put("low", f.low());
        m.put("close", f.close());
        m.put("volume", f.volume());
        m.put("trades", f.trades());
        int n = a == null ? -1 : a.size() - 1;
        m.put("pldot", n < 0 ? null : finite(a.pldot()[n]));
        m.put("upper", n < 0 ? null : finite(a.upper()[n]));
        m.put("lower", n < 0 ? null : finite(a.lower()[n]));
        m.put("state", n < 0 ? null : MarketState.codeOf(a.states().state()[n]));
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String key(FormingBar f) {
        return f.symbol() + ' ' + f.timeframe().code();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
