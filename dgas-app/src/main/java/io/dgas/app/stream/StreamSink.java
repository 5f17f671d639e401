package io.dgas.app.stream;

import io.dgas.domain.Timeframe;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.ingest.IngestReport;
import io.dgas.store.ingest.TickIngestor;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where streamed trades go: through the tick path in small batches, and into a forming bar per (symbol, timeframe)
 * kept in memory; a completed bar is stored through the bar path (the same validation and upsert as ingest) and
 * replaced by the next forming one. Taking a trade is in memory only; {@link #store} writes. A batch never splits the trades of one timestamp (the tick path numbers ties
 * within a load), so the newest timestamp of a symbol waits for the next batch or {@link #flush()}. Thread-safe.
 */
public final class StreamSink {
    private final TickIngestor ticks;
    private final BarIngestor bars;
    private final IngestOptions options;
    private final List<Timeframe> timeframes;
    private final int batchSize;
    private final Map<String, List<Trade>> pending = new LinkedHashMap<>();
    private final Map<String, FormingBar> forming = new LinkedHashMap<>();
    private final List<FormingBar> completed = new ArrayList<>();
    private long ticksStored;
    private long barsStored;
    private int pendingCount;
    private final Object writer = new Object();
    private final List<String[]> unstored = new ArrayList<>();
    private long failures;
    /** The stored ticker of a trade's symbol as the stream names it ({@link #storingAs}); itself by default. */
    private volatile UnaryOperator<String> storedTicker = UnaryOperator.identity();

    /**
     * @param timeframes bar timeframes kept forming (1m … 1d)
     * @param batchSize trades per tick load
     */
    public StreamSink(
            TickIngestor ticks, BarIngestor bars, IngestOptions options, List<Timeframe> timeframes, int batchSize) {
        for (Timeframe tf : timeframes) {
            if (tf.seconds() > Timeframe.D1.seconds()) {
                throw new IllegalArgumentException("streamed bars go up to 1d, not " + tf.code());
            }
        }
        this.ticks = ticks;
        this.bars = bars;
        this.options = options;
        this.timeframes = List.copyOf(timeframes);
        this.batchSize = batchSize;
    }

    /**
     * Stores each trade under {@code storedTicker} of its symbol from now on: the stream's names are not always the
     * stored tickers ({@link StreamNames}).
     */
    public StreamSink storingAs(UnaryOperator<String> storedTicker) {
        this.storedTicker = storedTicker;
        return this;
    }

    /**
     * Takes one new (deduplicated) trade into memory: pending ticks and the forming bars, under its stored ticker.
     * Cheap, so the stream's reader never waits for the database; returns whether a batch is due ({@link #store}).
     */
    public synchronized boolean accept(Trade streamed) {
        String stored = storedTicker.apply(streamed.symbol());
        Trade t = stored.equals(streamed.symbol()) ? streamed : streamed.as(stored);
        pending.computeIfAbsent(t.symbol(), k -> new ArrayList<>()).add(t);
        pendingCount++;
        for (Timeframe tf : timeframes) {
            String key = t.symbol() + "/" + tf.code();
            FormingBar f = forming.get(key);
            if (f == null || !f.holds(t)) {
                if (f != null) {
                    completed.add(f);
                }
                forming.put(key, FormingBar.open(t.symbol(), tf, t));
            } else {
                forming.put(key, f.with(t));
            }
        }
        return pendingCount >= batchSize;
    }

    /** Stores the pending trades but each symbol's newest timestamp, and the completed bars. One writer at a time. */
    public void store() {
        store(false);
    }

    /** Stores everything pending, the newest timestamp's trades included (the stream stopped). */
    public void flush() {
        store(true);
    }

    /** The forming bar of (symbol, tf), or null. */
    public synchronized FormingBar forming(String symbol, Timeframe tf) {
        return forming.get(symbol + "/" + tf.code());
    }

    /** Every forming bar now, one per (symbol, timeframe) that has had a trade. */
    public synchronized List<FormingBar> formingBars() {
        return List.copyOf(forming.values());
    }

    public synchronized long ticksStored() {
        return ticksStored;
    }

    /** Tick loads that failed (each is tried again with the next batch). */
    public synchronized long failures() {
        return failures;
    }

    public synchronized long barsStored() {
        return barsStored;
    }

    private void store(boolean all) {
        synchronized (writer) {
            Map<String, String> tickCsv = new LinkedHashMap<>();
            String barCsv;
            synchronized (this) {
                for (Map.Entry<String, List<Trade>> e : pending.entrySet()) {
                    List<Trade> list = e.getValue();
                    int n = 0;
                    // quotes (the forex stream) keep their bid and ask; a trade leaves them empty
                    boolean quotes = list.stream().anyMatch(Trade::quoted);
                    StringBuilder csv =
                            new StringBuilder(quotes ? "timestamp,price,size,bid,ask\n" : "timestamp,price,size\n");
                    for (Trade t : list) {
                        if (!all && t.millis() == list.get(list.size() - 1).millis()) {
                            break;
                        }
                        csv.append(Instant.ofEpochMilli(t.millis()))
                                .append(',')
                                .append(t.price())
                                .append(',');
                        csv.append(t.size());
                        if (quotes) {
                            csv.append(',').append(t.quoted() ? Double.toString(t.bid()) : "");
                            csv.append(',').append(t.quoted() ? Double.toString(t.ask()) : "");
                        }
                        csv.append('\n');
                        n++;
                    }
                    if (n > 0) {
                        tickCsv.put(e.getKey(), csv.toString());
                        list.subList(0, n).clear();
                        pendingCount -= n;
                    }
                }
                barCsv = completed.isEmpty() ? null : barsCsv(completed);
                completed.clear();
            }
            long stored = 0;
            // loads that failed before go first (the tick upsert is idempotent); a failure now waits for the next
            List<String[]> loads = new ArrayList<>(unstored);
            unstored.clear();
            tickCsv.forEach((symbol, csv) -> loads.add(new String[] {symbol, csv}));
            for (String[] load : loads) {
                try {
                    IngestReport r = ticks.ingest(
                            "stream " + load[0], new StringReader(load[1]), null, options.withSymbol(load[0], null));
                    stored += r.inserted() + r.updated() + r.unchanged();
                } catch (RuntimeException e) {
                    unstored.add(load);
                    failures++;
                }
            }
            long storedBars = 0;
            if (barCsv != null) {
                IngestReport r = bars.ingest("stream bars", new StringReader(barCsv), null, options);
                storedBars = r.inserted() + r.updated() + r.unchanged();
            }
            synchronized (this) {
                ticksStored += stored;
                barsStored += storedBars;
            }
        }
    }

    private static String barsCsv(List<FormingBar> done) {
        StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        for (FormingBar b : done) {
            csv.append(b.start())
                    .append(',')
                    .append(b.symbol())
                    .append(',')
                    .append(b.timeframe().code());
            csv.append(',')
                    .append(b.open())
                    .append(',')
                    .append(b.high())
                    .append(',')
                    .append(b.low());
            csv.append(',').append(b.close()).append(',').append(b.volume()).append('\n');
        }
        return csv.toString();
    }
}
