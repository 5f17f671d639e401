package io.dgas.store.ingest;

import io.dgas.domain.Timeframe;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The columns of a bars CSV, found from its header, and the validation of one line against them.
 *
 * <p>Two forms: {@code timestamp,symbol,interval,open,high,low,close,volume} (drummond.md §8) and
 * {@code date,open,high,low,close,volume} with the symbol and interval given by the caller. Column names are
 * case-insensitive; {@code date}, {@code datetime} and {@code time} stand for {@code timestamp}, {@code ticker} for
 * {@code symbol}, {@code timeframe} for {@code interval}; extra columns (e.g. {@code adjusted_close}) are ignored.
 * Rules (system.md §3): finite prices > 0, high ≥ max(open, close), low ≤ min(open, close), volume ≥ 0, timestamps
 * that parse, carry an offset (or a zone is given), lie in the accepted range and sit on the timeframe's grid, prices
 * inside the accepted range. A bar is never repaired. With {@link IngestOptions#adjusted()} the row is checked as
 * written, then its prices are scaled to the adjusted close (a split or dividend adjustment, as Yahoo Finance's and
 * EODHD's downloads carry it): open, high and low by adjusted close ÷ close, the close becoming the adjusted close.
 */
final class BarCsvFormat {
    static final String HEADER = "timestamp,symbol,interval,open,high,low,close,volume";
    /** The names an adjusted close column goes by (any case): Yahoo Finance's, EODHD's and a plain one. */
    static final String[] ADJUSTED_COLUMNS = {"adj close", "adjusted_close", "adj_close", "adjusted close"};

    private final List<String> names;
    private final int width;
    private final int ts;
    private final int symbol;
    private final int interval;
    private final int open;
    private final int high;
    private final int low;
    private final int close;
    private final int volume;
    /** The adjusted close column when the prices are to be adjusted, else −1. */
    private final int adjClose;

    private final String fixedTicker;
    private final Timeframe fixedTf;
    private final IngestLimits limits;
    private final ZoneId zone;
    private final long tsLo;
    private final long tsHi;

    private BarCsvFormat(List<String> names, String fixedTicker, Timeframe fixedTf, IngestOptions opts) {
        this.names = names;
        this.width = names.size();
        this.ts = Fields.column(names, "timestamp", "date", "datetime", "time");
        this.symbol = Fields.column(names, "symbol", "ticker");
        this.interval = Fields.column(names, "interval", "timeframe");
        this.open = Fields.column(names, "open");
        this.high = Fields.column(names, "high");
        this.low = Fields.column(names, "low");
        this.close = Fields.column(names, "close");
        this.volume = Fields.column(names, "volume");
        this.adjClose = opts.adjusted() ? Fields.column(names, ADJUSTED_COLUMNS) : -1;
        this.fixedTicker = fixedTicker;
        this.fixedTf = fixedTf;
        this.limits = opts.limits();
        this.zone = opts.timezone();
        this.tsLo = limits.minMicros();
        this.tsHi = limits.maxMicros();
    }

    /**
     * Reads the header line.
     *
     * @throws InvalidInputException when a required column is missing, or the symbol/interval is neither a column
     *     nor given
     */
    static BarCsvFormat detect(String source, List<String> header, String line, IngestOptions opts) {
        List<String> names = new ArrayList<>();
        for (String h : header) {
            names.add(h.toLowerCase(Locale.ROOT));
        }
        String ticker = opts.symbol() == null ? null : opts.symbol().trim().toUpperCase(Locale.ROOT);
        BarCsvFormat f = new BarCsvFormat(names, ticker, opts.timeframe(), opts);
        List<String> missing = new ArrayList<>();
        if (f.ts < 0) {
            missing.add("timestamp");
        }
        for (String c : List.of("open", "high", "low", "close", "volume")) {
            if (!names.contains(c)) {
                missing.add(c);
            }
        }
        if (opts.adjusted() && f.adjClose < 0) {
            missing.add("adjusted close (" + String.join(", ", ADJUSTED_COLUMNS) + "), which --adjusted reads");
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(new Reject(
                            1,
                            "header",
                            line,
                            "missing column(s) " + String.join(", ", missing) + "; expected " + HEADER
                                    + " or date,open,high,low,close,volume")
                    .describe(source));
        }
        OptionNames n = opts.names();
        boolean noSymbol = f.symbol < 0 && ticker == null;
        if (noSymbol || f.interval < 0 && opts.timeframe() == null) {
            throw new InvalidInputException(
                    noSymbol ? n.symbol() : n.interval(),
                    null,
                    source + " has no " + (noSymbol ? "symbol" : "interval") + " column: give " + n.symbol() + " and "
                            + n.interval(),
                    List.of(n.symbol() + " and " + n.interval() + " for a file without symbol and interval columns"));
        }
        if (f.symbol < 0 && !Fields.TICKER.matcher(ticker).matches()) {
            throw badTicker(n, ticker);
        }
        return f;
    }

    /** The ticker the load gave for a file without a symbol column (upper-cased), or null. */
    String givenTicker() {
        return symbol < 0 ? fixedTicker : null;
    }

    /**
     * Refuses the parsed row {@code row} of line {@code line} when its own symbol or interval column disagrees with
     * the one the load was given (a file's column is never silently overridden, nor the option silently ignored).
     *
     * @throws InvalidInputException naming the option, its value and the file's value at that line
     */
    void requireGiven(String source, long line, BarRow row, OptionNames n) {
        if (symbol >= 0 && fixedTicker != null && !fixedTicker.equals(row.ticker)) {
            throw disagreeing(source, line, n, n.symbol(), fixedTicker, "symbol", row.ticker);
        }
        if (interval >= 0 && fixedTf != null && fixedTf != row.timeframe) {
            throw disagreeing(source, line, n, n.interval(), fixedTf.code(), "interval", row.timeframe.code());
        }
    }

    private static InvalidInputException disagreeing(
            String source, long line, OptionNames n, String option, String given, String column, String inFile) {
        return new InvalidInputException(
                option,
                given,
                source + " line " + line + " has " + column + " " + inFile + " but " + n.given(option, given)
                        + " was given: leave " + option + " out (the file's " + column + " column decides) or give "
                        + inFile,
                List.of(
                        inFile + " (the file's " + column + " at line " + line + ")",
                        "none: the file's column decides"));
    }

    /** The given ticker {@code ticker} (option {@code n.symbol()}) is not one. */
    static InvalidInputException badTicker(OptionNames n, String ticker) {
        return new InvalidInputException(
                n.symbol(),
                ticker,
                n.given(n.symbol(), ticker) + " must match " + Fields.TICKER.pattern(),
                List.of("a ticker matching " + Fields.TICKER.pattern()));
    }

    /**
     * Reads only the key of one line (ticker, timeframe, aligned timestamp) into {@code row}; false when any of them
     * is unusable. For the prescan: no other field is looked at.
     */
    boolean key(List<String> v, BarRow row) {
        if (v.size() != width) {
            return false;
        }
        long micros = Timestamps.parseMicros(v.get(ts), zone);
        if (micros < tsLo || micros > tsHi) {
            return false;
        }
        if (symbol >= 0) {
            String t = v.get(symbol).toUpperCase(Locale.ROOT);
            if (!Fields.TICKER.matcher(t).matches()) {
                return false;
            }
            row.ticker = t;
        } else {
            row.ticker = fixedTicker;
        }
        if (interval >= 0) {
            if (!Timeframe.isKnown(v.get(interval))) {
                return false;
            }
            row.timeframe = Timeframe.parse(v.get(interval));
        } else {
            row.timeframe = fixedTf;
        }
        row.tsMicros = micros;
        return true;
    }

    /** Parses and validates one line into {@code row}; returns the first broken rule, or null. */
    Reject parse(long line, String text, List<String> v, BarRow row) {
        if (v.size() != width) {
            return new Reject(
                    line,
                    "row",
                    text,
                    "expected " + width + " fields (" + String.join(",", names) + "), found " + v.size());
        }
        String tsText = v.get(ts);
        long micros = Timestamps.parseMicros(tsText, zone);
        String tsProblem = Fields.timestampProblem(names.get(ts), micros, zone, tsLo, tsHi);
        if (tsProblem != null) {
            return reject(line, ts, tsText, tsProblem);
        }
        if (symbol >= 0) {
            String t = v.get(symbol).toUpperCase(Locale.ROOT);
            if (!Fields.TICKER.matcher(t).matches()) {
                return reject(line, symbol, v.get(symbol), "symbol must match " + Fields.TICKER.pattern());
            }
            row.ticker = t;
        } else {
            row.ticker = fixedTicker;
        }
        if (interval >= 0) {
            String itv = v.get(interval);
            if (!Timeframe.isKnown(itv)) {
                return reject(
                        line,
                        interval,
                        itv,
                        "unknown interval; accepted: 1m 5m 15m 30m 1h 4h 1d 1w (or aliases such as 30min, 60m, D)");
            }
            row.timeframe = Timeframe.parse(itv);
        } else {
            row.timeframe = fixedTf;
        }
        long secs = Math.floorDiv(micros, 1_000_000L);
        if (micros % 1_000_000L != 0 || !row.timeframe.isAligned(secs)) {
            return reject(
                    line,
                    ts,
                    tsText,
                    names.get(ts) + " must be a " + row.timeframe.code()
                            + " bar open time (the bar containing it opens at "
                            + Fields.iso(row.timeframe.bucketStart(secs) * 1_000_000L) + ")");
        }
        row.tsMicros = micros;
        for (int col : new int[] {open, high, low, close}) {
            String problem = Fields.priceProblem(names.get(col), v.get(col), limits);
            if (problem != null) {
                return reject(line, col, v.get(col), problem);
            }
        }
        String volProblem = Fields.sizeProblem("volume", v.get(volume));
        if (volProblem != null) {
            return reject(line, volume, v.get(volume), volProblem);
        }
        row.open = Double.parseDouble(v.get(open));
        row.high = Double.parseDouble(v.get(high));
        row.low = Double.parseDouble(v.get(low));
        row.close = Double.parseDouble(v.get(close));
        row.volume = Double.parseDouble(v.get(volume));
        if (row.high < Math.max(row.open, row.close)) {
            String max = row.open >= row.close ? v.get(open) : v.get(close);
            return reject(line, high, v.get(high), "high must be >= max(open, close) (" + max + ")");
        }
        if (row.low > Math.min(row.open, row.close)) {
            String min = row.open <= row.close ? v.get(open) : v.get(close);
            return reject(line, low, v.get(low), "low must be <= min(open, close) (" + min + ")");
        }
        return adjClose < 0 ? null : adjust(line, v.get(adjClose), row);
    }

    /**
     * Scales the row's prices to its adjusted close {@code text}; the reason it cannot, or null. High and low are kept
     * outside the scaled open and close, which a rounding of the ratio could otherwise cross by an ulp.
     */
    private Reject adjust(long line, String text, BarRow row) {
        String problem = Fields.priceProblem(names.get(adjClose), text, limits);
        if (problem != null) {
            return reject(line, adjClose, text, problem);
        }
        double adjusted = Double.parseDouble(text);
        double f = adjusted / row.close;
        row.open *= f;
        row.close = adjusted;
        row.high = Math.max(row.high * f, Math.max(row.open, row.close));
        row.low = Math.min(row.low * f, Math.min(row.open, row.close));
        if (row.low < limits.minPrice() || row.high > limits.maxPrice()) {
            return reject(
                    line,
                    adjClose,
                    text,
                    "the adjusted low and high (" + row.low + ", " + row.high + ") must be from " + limits.priceRange()
                            + " (ingest.min_price, ingest.max_price)");
        }
        return null;
    }

    private Reject reject(long line, int col, String value, String reason) {
        return new Reject(line, names.get(col), value, reason);
    }
}
