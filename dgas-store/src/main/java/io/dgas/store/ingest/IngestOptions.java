package io.dgas.store.ingest;

import io.dgas.domain.Timeframe;
import java.nio.file.Path;
import java.time.ZoneId;

/**
 * How to ingest one source.
 *
 * @param symbol ticker for files without a symbol column (bars in {@code date,open,…} form, ticks); else null
 * @param timeframe timeframe for files without an interval column; else null
 * @param skipInvalid write the good rows and report bad ones in a rejects file instead of failing the whole file
 * @param createSymbols add unknown tickers to {@code symbols} instead of rejecting their rows
 * @param rejects where to write the rejects CSV ({@code line,field,value,reason}); null: next to the input
 * @param progress told about rows read every so often; never null
 * @param limits the accepted ranges of timestamps, prices and line lengths; never null
 * @param timezone how to read date-times written without a UTC offset; null: such timestamps are rejected
 * @param assetClass the asset class of the symbols the load creates ({@link io.dgas.store.bars.AssetClasses}); null:
 *     {@value io.dgas.store.bars.AssetClasses#DEFAULT}. Symbols that exist keep theirs.
 * @param adjusted store a bars file's prices adjusted for splits and dividends, from its adjusted close column
 *     ({@link BarCsvFormat#ADJUSTED_COLUMNS}): open, high, low and close scaled by adjusted close ÷ close, the volume
 *     as written; a file without that column is refused
 * @param names what the caller calls its options, for the messages that tell what to give; never null
 */
public record IngestOptions(
        String symbol,
        Timeframe timeframe,
        boolean skipInvalid,
        boolean createSymbols,
        Path rejects,
        IngestProgress progress,
        IngestLimits limits,
        ZoneId timezone,
        String assetClass,
        boolean adjusted,
        OptionNames names) {

    /** No symbol or timeframe given, every row checked, nothing created; messages name the command's options. */
    public static IngestOptions defaults() {
        return new IngestOptions(
                null,
                null,
                false,
                false,
                null,
                IngestProgress.NONE,
                IngestLimits.DEFAULTS,
                null,
                null,
                false,
                OptionNames.COMMAND_LINE);
    }

    public IngestOptions withSymbol(String s, Timeframe tf) {
        return new IngestOptions(
                s, tf, skipInvalid, createSymbols, rejects, progress, limits, timezone, assetClass, adjusted, names);
    }

    public IngestOptions withSkipInvalid(boolean skip) {
        return new IngestOptions(
                symbol,
                timeframe,
                skip,
                createSymbols,
                rejects,
                progress,
                limits,
                timezone,
                assetClass,
                adjusted,
                names);
    }

    public IngestOptions withCreateSymbols(boolean create) {
        return new IngestOptions(
                symbol,
                timeframe,
                skipInvalid,
                create,
                rejects,
                progress,
                limits,
                timezone,
                assetClass,
                adjusted,
                names);
    }

    public IngestOptions withRejects(Path path) {
        return new IngestOptions(
                symbol,
                timeframe,
                skipInvalid,
                createSymbols,
                path,
                progress,
                limits,
                timezone,
                assetClass,
                adjusted,
                names);
    }

    public IngestOptions withProgress(IngestProgress p) {
        return new IngestOptions(
                symbol,
                timeframe,
                skipInvalid,
                createSymbols,
                rejects,
                p,
                limits,
                timezone,
                assetClass,
                adjusted,
                names);
    }

    public IngestOptions withLimits(IngestLimits l) {
        return new IngestOptions(
                symbol,
                timeframe,
                skipInvalid,
                createSymbols,
                rejects,
                progress,
                l,
                timezone,
                assetClass,
                adjusted,
                names);
    }

    /**
     * Creates symbols with asset class {@code c} (null: the default).
     *
     * @throws IllegalArgumentException for a class the schema does not know
     */
    public IngestOptions withAssetClass(String c) {
        return new IngestOptions(
                symbol,
                timeframe,
                skipInvalid,
                createSymbols,
                rejects,
                progress,
                limits,
                timezone,
                c == null ? null : io.dgas.store.bars.AssetClasses.parse(c),
                adjusted,
                names);
    }

    /** Reads offset-less date-times in {@code zone} (null: reject them). */
    public IngestOptions withTimezone(ZoneId zone) {
        return new IngestOptions(
                symbol,
                timeframe,
                skipInvalid,
                createSymbols,
                rejects,
                progress,
                limits,
                zone,
                assetClass,
                adjusted,
                names);
    }

    /** Names the caller's options as {@code n} in the messages that tell what to give. */
    public IngestOptions withNames(OptionNames n) {
        return new IngestOptions(
                symbol,
                timeframe,
                skipInvalid,
                createSymbols,
                rejects,
                progress,
                limits,
                timezone,
                assetClass,
                adjusted,
                n);
    }

    /** Stores a bars file's prices adjusted by its adjusted close column (see {@link #adjusted()}). */
    public IngestOptions withAdjusted(boolean adjust) {
        return new IngestOptions(
                symbol,
                timeframe,
                skipInvalid,
                createSymbols,
                rejects,
                progress,
                limits,
                timezone,
                assetClass,
                adjust,
                names);
    }
}
