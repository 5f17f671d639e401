package io.dgas.app.web;

import io.dgas.app.AppContext;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.KnownSymbols;
import io.dgas.store.bars.UnknownSymbolException;
import io.dgas.store.cache.CachedReads;
import io.dgas.store.runs.RunRepository;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/bars/{symbol}?interval=1h&last=200}: the newest bars of one series, oldest first, through the
 * query cache ({@link CachedReads}, region {@code market_data}), so a write's invalidation is what keeps it fresh.
 */
final class BarsApi {
    static final int MAX_LAST = 5000;
    private final AppContext ctx;
    private volatile CachedReads reads;

    BarsApi(AppContext ctx) {
        this.ctx = ctx;
    }

    /** The response body; sets 400 for a bad parameter and 404 for an unknown symbol. */
    Map<String, Object> read(Context c) {
        String symbol = c.pathParam("symbol");
        String interval = c.queryParamAsClass("interval", String.class).getOrDefault("1h");
        if (!Timeframe.isKnown(interval)) {
            return ParameterError.of(
                    c,
                    "interval",
                    interval,
                    "unknown timeframe '" + interval + "'",
                    Arrays.stream(Timeframe.values()).map(Timeframe::code).toList());
        }
        String lastText = c.queryParamAsClass("last", String.class).getOrDefault("200");
        int last = lastText.matches("[0-9]{1,4}") ? Integer.parseInt(lastText) : -1;
        if (last < 1 || last > MAX_LAST) {
            return ParameterError.of(
                    c, "last", lastText, "last must be a whole number of bars", List.of("1.." + MAX_LAST));
        }
        Timeframe tf = Timeframe.parse(interval);
        BarColumns b = reads().lastBars(symbol, tf, last);
        if (b.size() == 0) {
            try {
                KnownSymbols.require(ctx.database(), List.of(symbol));
            } catch (UnknownSymbolException e) {
                c.status(404);
                return Map.of("error", e.getMessage(), "parameter", "symbol", "value", symbol);
            }
        }
        List<Map<String, Object>> bars = new ArrayList<>(b.size());
        for (int i = 0; i < b.size(); i++) {
            Map<String, Object> bar = new LinkedHashMap<>();
            bar.put("ts", Instant.ofEpochSecond(b.ts()[i]));
            bar.put("open", b.open()[i]);
            bar.put("high", b.high()[i]);
            bar.put("low", b.low()[i]);
            bar.put("close", b.close()[i]);
            bar.put("volume", b.volume()[i]);
            bars.add(bar);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("symbol", symbol);
        body.put("interval", tf.code());
        body.put("bars", bars);
        return body;
    }

    private CachedReads reads() {
        CachedReads r = reads;
        if (r == null) {
            r = new CachedReads(new BarRepository(ctx.database()), new RunRepository(ctx.database()), ctx.cache());
            reads = r;
        }
        return r;
    }
}
