package io.dgas.store.bars;

import java.util.List;
import java.util.Locale;

/**
 * The asset classes a symbol can have ({@code symbols.asset_class}). A symbol's class, never its ticker's shape,
 * decides its market hours and its name at the market-data API ({@link io.dgas.store.api.EodhdTickers}).
 */
public final class AssetClasses {
    /** Every class the schema accepts, in its order. */
    public static final List<String> ALL = List.of("stock", "etf", "future", "crypto", "forex", "index", "other");

    /** The class of a symbol created without one (the column's default). */
    public static final String DEFAULT = "stock";

    private AssetClasses() {}

    /**
     * {@code text} as a class (trimmed, any case).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones when it is none of {@link #ALL}
     */
    public static String parse(String text) {
        String c = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (!ALL.contains(c)) {
            throw new IllegalArgumentException(
                    "unknown asset class '" + text + "'; expected one of " + String.join(", ", ALL));
        }
        return c;
    }
}
