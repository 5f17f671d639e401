package io.dgas.app.news;

import io.dgas.store.ingest.CsvReader;
import io.dgas.store.ingest.IngestLimits;
import io.dgas.store.ingest.InvalidInputException;
import io.dgas.store.ingest.Reject;
import io.dgas.store.news.NewsItem;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The news CSV format: header {@code symbol,published_at,source,url,headline,sentiment} (in this order), one item a
 * line. The whole file is validated before anything is written; the first bad row fails it with an
 * {@link InvalidInputException} naming file, line, field and value, like the bar loader.
 */
final class NewsCsv {
    static final List<String> HEADER = List.of("symbol", "published_at", "source", "url", "headline", "sentiment");

    private NewsCsv() {}

    /** A valid row and its 1-based line in the source (the header is line 1). */
    record Line(long number, NewsItem item) {}

    /** Every row of {@code in}, validated; throws on the first that breaks a rule. */
    static List<Line> read(String source, Reader in, IngestLimits limits) {
        List<Line> rows = new ArrayList<>();
        try (CsvReader csv = new CsvReader(in)) {
            if (!csv.next()) {
                throw new InvalidInputException(
                        source + ": empty file; expected the header " + String.join(",", HEADER));
            }
            List<String> header = csv.fields().stream().map(String::trim).toList();
            if (!header.equals(HEADER)) {
                throw new InvalidInputException(
                        source,
                        new Reject(csv.lineNumber(), "header", csv.line(), "expected " + String.join(",", HEADER)));
            }
            while (csv.next()) {
                List<String> f = csv.fields();
                if (f.size() == 1 && f.get(0).isBlank()) {
                    continue;
                }
                rows.add(new Line(csv.lineNumber(), row(source, csv.lineNumber(), csv.line(), f, limits)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static NewsItem row(String source, long line, String text, List<String> f, IngestLimits limits) {
        if (f.size() != HEADER.size()) {
            throw new InvalidInputException(
                    source, new Reject(line, "row", text, HEADER.size() + " fields expected, " + f.size() + " found"));
        }
        // tickers are stored upper-cased, as the bars and ticks formats read them
        String symbol = required(source, line, "symbol", f.get(0)).toUpperCase(java.util.Locale.ROOT);
        Instant at = instant(source, line, f.get(1).trim());
        // a mistyped year (2099) stored a headline that would lead every "newest first" list for decades
        String late = limits.timeProblem("published_at", at);
        if (late != null) {
            throw new InvalidInputException(
                    source, new Reject(line, "published_at", f.get(1).trim(), late));
        }
        String src = required(source, line, "source", f.get(2));
        String url = required(source, line, "url", f.get(3));
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new InvalidInputException(
                    source, new Reject(line, "url", url, "url must start with http:// or https://"));
        }
        String headline = required(source, line, "headline", f.get(4));
        double sentiment;
        try {
            sentiment = Double.parseDouble(f.get(5).trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    source, new Reject(line, "sentiment", f.get(5), "sentiment must be a number"));
        }
        if (!(sentiment >= -1 && sentiment <= 1)) {
            throw new InvalidInputException(
                    source, new Reject(line, "sentiment", f.get(5), "sentiment must be between -1 and 1"));
        }
        return new NewsItem(symbol, at, src, url, headline, sentiment);
    }

    private static String required(String source, long line, String field, String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            throw new InvalidInputException(source, new Reject(line, field, value, field + " is required"));
        }
        // a NUL cannot be stored as text at all, and a terminal escape has no business in a headline
        if (v.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')) {
            throw new InvalidInputException(
                    source,
                    new Reject(
                            line,
                            field,
                            value,
                            field + " must not contain control characters (other than tab and line end)"));
        }
        return v;
    }

    /** An ISO-8601 instant with offset, or a date (midnight UTC). */
    private static Instant instant(String source, long line, String v) {
        try {
            return v.length() == 10
                    ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidInputException(
                    source,
                    new Reject(line, "published_at", v, "published_at must be an ISO-8601 time with offset or a date"));
        }
    }
}
