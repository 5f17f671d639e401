package io.dgas.app.stream;

import io.dgas.app.collect.CollectSettings;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.DgasConfig;
import io.dgas.app.config.UnableToConfigureException;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.api.Sleeper;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.ingest.TickIngestor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Builds the trade stream of {@code collect.stream: true} over the given symbols (the scheduler's live universe). */
public final class TradeStreams {
    /** Bars kept forming per streamed symbol. */
    public static final List<Timeframe> TIMEFRAMES =
            List.of(Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.M30, Timeframe.H1, Timeframe.H4, Timeframe.D1);

    private TradeStreams() {}

    /** Trades asked of the REST history per symbol and reconnect at most. */
    public static final int GAP_LIMIT = 50_000;

    /** How often the forming bars and their analysis are published ({@code forming} events). */
    public static final Duration FORMING_EVERY = Duration.ofSeconds(1);

    /** Stored bars analysed before each forming bar. */
    public static final int FORMING_WINDOW = 300;

    /** How often the supervisor re-reads the universe and the market hours. */
    public static final Duration HOURS_CHECK = Duration.ofMinutes(1);

    /**
     * The started stream over the live universe's symbols whose market is open by {@code hours} (re-checked every
     * {@link #HOURS_CHECK} with {@code clock}), or empty when {@code collect.stream} is off.
     *
     * @throws UnableToConfigureException when streaming is on without a token
     */
    public static Optional<StreamSupervisor> start(
            DgasConfig c, Database db, IngestListener listener, IngestOptions options, MarketHours hours, Clock clock) {
        if (!c.bool(ConfigKeys.COLLECT_STREAM)) {
            return Optional.empty();
        }
        String token = token(c);
        // the stream's names of the universe last read (BTCUSD is BTC-USD there): subscriptions use them, trades are
        // stored under the stored tickers, and a reconnect fills its gap from the REST tick history of the collect
        // settings (base URL, token, pacing) under the asset class read with them, so no query per gap
        java.util.concurrent.atomic.AtomicReference<StreamNames> names =
                new java.util.concurrent.atomic.AtomicReference<>(StreamNames.NONE);
        StreamSink sink = new StreamSink(new TickIngestor(db), new BarIngestor(db, listener), options, TIMEFRAMES, 500)
                .storingAs(s -> names.get().stored(s));
        GapFill gapFill = GapFill.eodhd(
                CollectSettings.from(c).client(clock, Sleeper.SYSTEM),
                GAP_LIMIT,
                s -> names.get().assetClass(s));
        // only the timeframes analysed (the cycle's and each symbol's own) are published, not all seven kept forming
        io.dgas.app.cycle.ShownTimeframes shown = new io.dgas.app.cycle.ShownTimeframes(
                c.timeframe(ConfigKeys.TRADING),
                c.timeframe(ConfigKeys.HTF),
                new io.dgas.store.bars.SymbolTimeframes(db));
        FormingFeed feed = new FormingFeed(
                        sink, new BarRepository(db), EventPublisher.postgres(db), FORMING_WINDOW, shown)
                .start(FORMING_EVERY);
        // stored bars changed by anyone (a correction, the stream's own completed bar) reseed the forming analysis
        io.dgas.app.events.EventListener changes = new io.dgas.app.events.EventListener(
                        db::settings, new io.dgas.app.events.RemoteBarChanges(feed))
                .start();
        return Optional.of(new StreamSupervisor(
                        () -> {
                            java.util.Map<String, String> u = StreamUniverse.load(db);
                            names.set(StreamNames.of(u));
                            return u;
                        },
                        hours,
                        clock,
                        (market, symbols) -> new TradeStream(
                                        endpoint(c, market),
                                        token,
                                        names.get().streamed(symbols),
                                        sink,
                                        Duration.ofSeconds(20),
                                        Duration.ofSeconds(1),
                                        gapFill,
                                        clock)
                                .start())
                .closing(changes)
                .closing(feed)
                .start(HOURS_CHECK));
    }

    /**
     * The feed of {@code market} ({@link MarketHours#market}, from the symbols' asset classes): crypto trades on
     * {@code collect.stream_url}, forex quotes on {@code collect.stream_url_forex}, every other market on the US trade
     * feed {@code collect.stream_url_us}.
     */
    static URI endpoint(DgasConfig c, String market) {
        String key = switch (market) {
            case MarketHours.CRYPTO -> ConfigKeys.COLLECT_STREAM_URL;
            case MarketHours.FOREX -> ConfigKeys.COLLECT_STREAM_URL_FOREX;
            default -> ConfigKeys.COLLECT_STREAM_URL_US;
        };
        return URI.create(c.string(key).orElseThrow());
    }

    private static String token(DgasConfig c) {
        String token = CollectSettings.from(c).token();
        if (token == null) {
            throw new UnableToConfigureException("key '" + ConfigKeys.COLLECT_API_TOKEN
                    + "' is required when collect.stream is true (set DGAS_COLLECT_API_TOKEN, or api.key)");
        }
        return token;
    }
}
