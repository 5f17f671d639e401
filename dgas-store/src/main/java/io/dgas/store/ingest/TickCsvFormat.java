package io.dgas.store.ingest;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The columns of a ticks CSV: {@code timestamp,price,amount} (Bitstamp trades, epoch seconds) or the general
 * {@code timestamp,price,size[,bid,ask,bid_size,ask_size]}; quote columns may be empty. Rules: price finite > 0,
 * size ≥ 0, bid/ask > 0 and their sizes ≥ 0 when present, bid ≤ ask when both are, prices and timestamps inside the accepted ranges
 * ({@link IngestLimits}), timestamps with an offset (or a zone given) and in time order (ties keep file order, which
 * numbers them {@code seq} 0, 1, …).
 */
final class TickCsvFormat {
    static final String HEADER = "timestamp,price,size,bid,ask,bid_size,ask_size";
    private static final String[] QUOTES = {"bid", "ask", "bid_size", "ask_size"};

    private final List<String> names;
    private final int ts;
    private final int price;
    private final int size;
    private final int[] quote = new int[4];
    private final IngestLimits limits;
    private final ZoneId zone;
    private final long tsLo;
    private final long tsHi;

    private TickCsvFormat(List<String> names, IngestOptions opts) {
        this.names = names;
        this.ts = Fields.column(names, "timestamp", "time", "datetime", "date");
        this.price = Fields.column(names, "price");
        this.size = Fields.column(names, "size", "amount", "volume", "quantity");
        for (int i = 0; i < 4; i++) {
            quote[i] = names.indexOf(QUOTES[i]);
        }
        this.limits = opts.limits();
        this.zone = opts.timezone();
        this.tsLo = limits.minMicros();
        this.tsHi = limits.maxMicros();
    }

    static TickCsvFormat detect(String source, List<String> header, String line, IngestOptions opts) {
        List<String> names = new ArrayList<>();
        for (String h : header) {
            names.add(h.toLowerCase(Locale.ROOT));
        }
        TickCsvFormat f = new TickCsvFormat(names, opts);
        if (f.ts < 0 || f.price < 0 || f.size < 0) {
            throw new InvalidInputException(
                    new Reject(1, "header", line, "expected timestamp,price,amount or " + HEADER).describe(source));
        }
        return f;
    }

    /** Parses one line into {@code row} (its ts only; ordering is checked by the caller); first broken rule or null. */
    Reject parse(long line, String text, List<String> v, TickRow row) {
        if (v.size() != names.size()) {
            return new Reject(
                    line,
                    "row",
                    text,
                    "expected " + names.size() + " fields (" + String.join(",", names) + "), found " + v.size());
        }
        long micros = Timestamps.parseMicros(v.get(ts), zone);
        String tsProblem = Fields.timestampProblem(names.get(ts), micros, zone, tsLo, tsHi);
        if (tsProblem != null) {
            return reject(line, ts, v.get(ts), tsProblem);
        }
        row.tsMicros = micros;
        String p = Fields.priceProblem("price", v.get(price), limits);
        if (p != null) {
            return reject(line, price, v.get(price), p);
        }
        String sz = Fields.sizeProblem(names.get(size), v.get(size));
        if (sz != null) {
            return reject(line, size, v.get(size), sz);
        }
        row.price = Double.parseDouble(v.get(price));
        row.size = Double.parseDouble(v.get(size));
        for (int i = 0; i < 4; i++) {
            row.quote[i] = Double.NaN;
            if (quote[i] < 0 || v.get(quote[i]).isEmpty()) {
                continue;
            }
            String text2 = v.get(quote[i]);
            String problem =
                    i < 2 ? Fields.priceProblem(QUOTES[i], text2, limits) : Fields.sizeProblem(QUOTES[i], text2);
            if (problem != null) {
                return reject(line, quote[i], text2, problem);
            }
            row.quote[i] = Double.parseDouble(text2);
        }
        if (row.quote[0] > row.quote[1]) { // both present (NaN compares false): a crossed quote is a broken row
            return reject(
                    line,
                    quote[0],
                    v.get(quote[0]),
                    "bid must not be above ask (" + v.get(quote[1]) + "): a crossed quote");
        }
        return null;
    }

    String timestampText(List<String> v) {
        return v.get(ts);
    }

    String timestampName() {
        return names.get(ts);
    }

    private Reject reject(long line, int col, String value, String reason) {
        return new Reject(line, names.get(col), value, reason);
    }
}
