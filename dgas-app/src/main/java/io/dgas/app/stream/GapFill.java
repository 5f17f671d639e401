package io.dgas.app.stream;

import io.dgas.store.api.ApiTrade;
import io.dgas.store.api.EodhdClient;
import io.dgas.store.api.EodhdTickers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Where a reconnected stream gets the trades it missed while it was away (frames lost in flight, the outage itself):
 * the source's REST tick history. The stream asks from the second of the newest trade it took (the overlap is dropped
 * by its deduplication) to now, after subscribing again, so nothing falls between the history and the live feed.
 */
@FunctionalInterface
public interface GapFill {
    /** No history: a gap stays a gap (a stream without a REST source). */
    GapFill NONE = (symbol, fromSecond, toSecond) -> List.of();

    /** Trades of {@code symbol} from {@code fromSecond} to {@code toSecond} inclusive (epoch seconds), oldest first. */
    List<Trade> trades(String symbol, long fromSecond, long toSecond);

    /**
     * The EODHD tick history ({@code /api/ticks/}) through {@code client}, at most {@code limit} trades per gap; the
     * streamed ticker is asked under its REST name ({@link EodhdTickers}) by its asset class as {@code assetClass}
     * knows it (the stream's universe, loaded with the symbols; null when unknown: a US ticker). Forex quotes have no
     * such history: a forex stream's gap stays a gap (its bars come from the collect stage).
     */
    static GapFill eodhd(EodhdClient client, int limit, Function<String, String> assetClass) {
        return (symbol, fromSecond, toSecond) -> {
            List<Trade> out = new ArrayList<>();
            String c = assetClass.apply(symbol);
            if (MarketHours.market(symbol, c).equals(MarketHours.FOREX)) {
                return out;
            }
            String rest = EodhdTickers.rest(symbol, c);
            for (ApiTrade t : client.ticks(rest, fromSecond, toSecond, limit)) {
                out.add(new Trade(symbol, t.millis(), t.price(), t.size()));
            }
            return out;
        };
    }
}
