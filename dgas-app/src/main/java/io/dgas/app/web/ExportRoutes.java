package io.dgas.app.web;

import io.dgas.app.AppContext;
import io.dgas.app.web.Param.Type;
import io.dgas.domain.Timeframe;
import io.dgas.store.export.BarExport;
import io.dgas.store.export.TickExport;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/bars/{symbol}/export} and {@code GET /api/v1/ticks/{symbol}/export}: the CSV of {@code dgas data
 * export} (the same {@link BarExport} and {@link TickExport}), streamed to the client as the cursor reads it, in the
 * formats {@code POST /api/v1/ingest/bars} and {@code POST /api/v1/ingest/ticks} take back.
 */
final class ExportRoutes {
    private ExportRoutes() {}

    static List<Route> routes(AppContext ctx) {
        return List.of(
                Route.get(
                        "/api/v1/bars/{symbol}/export",
                        "A symbol's active bars as CSV (timestamp,symbol,interval,open,high,low,close,volume), by"
                                + " timeframe then time, the format the bars upload reads",
                        List.of(
                                Param.path("symbol", Type.TICKER, "ticker, any case (AAPL)"),
                                Param.query("interval", Type.ENUM, "one timeframe (default: every one)")
                                        .oneOf(ApiV1.TIMEFRAMES),
                                Param.query("from", Type.INSTANT, "range start, inclusive"),
                                Param.query("to", Type.INSTANT, "range end, exclusive")),
                        "text/csv: " + BarExport.HEADER + " and a row per bar",
                        (c, a) -> {
                            Timeframe tf = a.has("interval") ? Timeframe.parse(a.get("interval")) : null;
                            return csv(
                                    c,
                                    a,
                                    (symbol, from, to, w) ->
                                            new BarExport(ctx.database()).write(symbol, tf, from, to, w));
                        }),
                Route.get(
                        "/api/v1/ticks/{symbol}/export",
                        "A symbol's active ticks as CSV (timestamp,price,size,bid,ask,bid_size,ask_size), in time"
                                + " order, the format the ticks upload reads",
                        List.of(
                                Param.path("symbol", Type.TICKER, "ticker, any case (BTCUSD)"),
                                Param.query("from", Type.INSTANT, "range start, inclusive"),
                                Param.query("to", Type.INSTANT, "range end, exclusive")),
                        "text/csv: " + TickExport.HEADER + " and a row per tick",
                        (c, a) -> csv(
                                c,
                                a,
                                (symbol, from, to, w) -> new TickExport(ctx.database()).write(symbol, from, to, w))));
    }

    /** One export's rows to the given writer. */
    @FunctionalInterface
    private interface Export {
        long write(String symbol, Instant from, Instant to, Writer out);
    }

    /** Streams {@code export} of the request's symbol and range as a CSV attachment named after the symbol. */
    private static Object csv(Context c, Args a, Export export) {
        Instant from = a.get("from");
        Instant to = a.get("to");
        ApiV1.requireAfter(from, to);
        String symbol = a.get("symbol");
        // the export refuses an unknown symbol (404) before it writes a byte: nothing is committed yet
        c.contentType("text/csv; charset=utf-8");
        c.header("Content-Disposition", "attachment; filename=\"" + symbol + ".csv\"");
        try {
            Writer w = new BufferedWriter(new OutputStreamWriter(c.res().getOutputStream(), StandardCharsets.UTF_8));
            export.write(symbol, from, to, w);
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Route.NO_BODY;
    }
}
