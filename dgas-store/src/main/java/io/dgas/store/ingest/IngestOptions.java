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
        return with(c -> {
            c.symbol = s;
            c.timeframe = tf;
        });
    }

    public IngestOptions withSkipInvalid(boolean skip) {
        return with(c -> c.skipInvalid = skip);
    }

    public IngestOptions withCreateSymbols(boolean create) {
        return with(c -> c.createSymbols = create);
    }

    public IngestOptions withRejects(Path path) {
        return with(c -> c.rejects = path);
    }

    public IngestOptions withProgress(IngestProgress p) {
        return with(c -> c.progress = p);
    }

    public IngestOptions withLimits(IngestLimits l) {
        return with(c -> c.limits = l);
    }

    /**
     * Creates symbols with asset class {@code c} (null: the default).
     *
     * @throws IllegalArgumentException for a class the schema does not know
     */
    public IngestOptions withAssetClass(String c) {
        String parsed = c == null ? null : io.dgas.store.bars.AssetClasses.parse(c);
        return with(o -> o.assetClass = parsed);
    }

    /** Reads offset-less date-times in {@code zone} (null: reject them). */
    public IngestOptions withTimezone(ZoneId zone) {
        return with(c -> c.timezone = zone);
    }

    /** Names the caller's options as {@code n} in the messages that tell what to give. */
    public IngestOptions withNames(OptionNames n) {
        return with(c -> c.names = n);
    }

    /** Stores a bars file's prices adjusted by its adjusted close column (see {@link #adjusted()}). */
    public IngestOptions withAdjusted(boolean adjust) {
        return with(c -> c.adjusted = adjust);
    }

    /** These options with {@code change} made to a copy of their fields: each wither names only what it changes. */
    private IngestOptions with(java.util.function.Consumer<Draft> change) {
        Draft f = new Draft(this);
        change.accept(f);
        return new IngestOptions(
                f.symbol,
                f.timeframe,
                f.skipInvalid,
                f.createSymbols,
                f.rejects,
                f.progress,
                f.limits,
                f.timezone,
                f.assetClass,
                f.adjusted,
                f.names);
    }

    /** The fields of one {@link IngestOptions}, to change before building the next. */
    private static final class Draft {
        String symbol;
        Timeframe timeframe;
        boolean skipInvalid;
        boolean createSymbols;
        Path rejects;
        IngestProgress progress;
        IngestLimits limits;
        ZoneId timezone;
        String assetClass;
        boolean adjusted;
        OptionNames names;

        Draft(IngestOptions o) {
            symbol = o.symbol;
            timeframe = o.timeframe;
            skipInvalid = o.skipInvalid;
            createSymbols = o.createSymbols;
            rejects = o.rejects;
            progress = o.progress;
            limits = o.limits;
            timezone = o.timezone;
            assetClass = o.assetClass;
            adjusted = o.adjusted;
            names = o.names;
        }
    }
}
