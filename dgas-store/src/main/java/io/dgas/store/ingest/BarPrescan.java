package io.dgas.store.ingest;

import io.dgas.store.partition.MonthSet;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A quick first pass over a bars file reading only the key columns: the tickers, each series' span and whether each
 * series' timestamps strictly increase (so the file cannot hold a duplicate). It lets {@link BarIngestor} COPY a new,
 * duplicate-free file straight into {@code bars}, skipping the staging table. Nothing is validated here beyond what
 * the keys need; the real pass validates every field.
 */
final class BarPrescan {
    final Set<String> tickers = new LinkedHashSet<>();
    final SeriesRanges ranges = new SeriesRanges();
    final MonthSet months = new MonthSet();

    private BarPrescan() {}

    /** The prescan of {@code file}, or null when the file is unusable (the real pass then reports why). */
    static BarPrescan of(Path file, String source, IngestOptions opts) {
        try (Reader r = InputFiles.open(file);
                CsvReader csv = new CsvReader(r, opts.limits().maxLineChars())) {
            if (!csv.next()) {
                return null;
            }
            BarCsvFormat format = BarCsvFormat.detect(source, csv.fields(), csv.line(), opts);
            BarPrescan p = new BarPrescan();
            BarRow row = new BarRow();
            String prevTicker = null;
            while (csv.next()) {
                if (!format.key(csv.fields(), row)) {
                    continue;
                }
                if (!row.ticker.equals(prevTicker)) {
                    p.tickers.add(row.ticker);
                }
                prevTicker = row.ticker;
                p.months.add(row.tsMicros);
                p.ranges.add(row.ticker, row.timeframe, row.tsMicros);
            }
            return p;
        } catch (IOException | InvalidInputException e) {
            return null;
        }
    }
}
