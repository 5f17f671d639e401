package io.dgas.store.ingest;

/**
 * What the caller of a load calls its options, so that a message telling the user what to give names what they can
 * give: the command line's {@code --symbol} or the API's {@code symbol}.
 *
 * @param symbol the option giving the ticker of a file without a symbol column (and of ticks)
 * @param interval the option giving the timeframe of a file without an interval column
 * @param createSymbols how to ask for unknown tickers to be added, as the user writes it ({@code --create-symbols})
 * @param assign what joins an option and its value when one is shown given ({@code " "}: {@code --symbol X})
 */
public record OptionNames(String symbol, String interval, String createSymbols, String assign) {
    /** The options of {@code dgas ingest}. */
    public static final OptionNames COMMAND_LINE = new OptionNames("--symbol", "--interval", "--create-symbols", " ");

    /** {@code option} given as {@code value}, as the user wrote it ({@code --symbol X}, {@code symbol=X}). */
    public String given(String option, String value) {
        return option + assign + value;
    }
}
