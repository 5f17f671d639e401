package io.dgas.app.trading;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.calc.drummond.Signal;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.Money;
import io.dgas.ledger.OrderStatus;
import io.dgas.ledger.OrderType;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskLimits;
import io.dgas.ledger.Sizing;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.ledger.OrderReads;
import io.dgas.store.ledger.Portfolio;
import io.dgas.store.ledger.PortfolioRepository;
import io.dgas.store.ledger.StoredOrder;
import io.dgas.testkit.FakeClock;
import io.dgas.testkit.PostgresExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A paper session turns a signal whose entry waits for the price into a limit order at the entry (sized at it, no
 * slippage), which fills when a bar trades through it and lapses after the signal's expiry; an entry at the close
 * stays a market order. Fixed cash 970 per order, 10 bps slippage, expiry 2 bars.
 */
class PaperLimitEntryIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Instant T0 = Instant.parse("2024-05-06T10:00:00Z");
    private static final long H = 3600;
    private static final FakeClock CLOCK = new FakeClock(T0);
    private static Database db;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        for (String t : List.of("LE", "LF", "LG")) {
            db.update("test.sym", "INSERT INTO symbols (ticker) VALUES (?)", ps -> ps.setString(1, t));
        }
        db.queryOne(
                "test.part",
                "SELECT dgas_create_month_partition('bars', ?)",
                ps -> ps.setObject(1, java.sql.Timestamp.from(T0)),
                rs -> 1);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static void bar(String ticker, int hour, double o, double h, double l, double c) {
        db.update(
                "test.bar",
                "INSERT INTO bars (symbol_id, timeframe, ts, open, high, low, close, volume) SELECT id, '1h', ?, ?,"
                        + " ?, ?, ?, 1000 FROM symbols WHERE ticker = ?",
                ps -> {
                    ps.setTimestamp(1, java.sql.Timestamp.from(T0.plusSeconds(hour * H)));
                    ps.setDouble(2, o);
                    ps.setDouble(3, h);
                    ps.setDouble(4, l);
                    ps.setDouble(5, c);
                    ps.setString(6, ticker);
                });
    }

    private static Signal signal(String symbol, Signal.Type type, double entry, double stop, double target) {
        return new Signal(
                symbol, 0, T0.getEpochSecond(), type, entry, stop, target, 0.7, 0.6, 0.8, Signal.Tier.HIGH, true);
    }

    private static StoredOrder order(long portfolio, String symbol) {
        return db.withSession(s -> new OrderReads(db).page(s, portfolio, null, 100, 0)).items().stream()
                .filter(o -> o.symbol().equals(symbol))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void cycle_entryBelowClose_limitOrderFillsAtTheEntryOrLapses_entryAtCloseIsMarket() {
        PortfolioRepository portfolios = new PortfolioRepository(db);
        Portfolio p = portfolios
                .create("lim", "entries", "USD", new BigDecimal("100000"), T0)
                .orElseThrow();
        portfolios.startSession(
                p.id(),
                "paper",
                new RiskLimits(new BigDecimal("5000"), new BigDecimal("50000"), new BigDecimal("5000"), 60),
                new PaperRules(Sizing.FIXED_CASH, new BigDecimal("970"), 10, Money.ZERO, 0, Money.ZERO),
                0,
                T0);
        PaperTradingService paper = new PaperTradingService(db, CLOCK, QueryCache.NONE, 2);
        bar("LE", 0, 100, 101, 99, 100);
        bar("LF", 0, 50, 51, 49, 50);
        bar("LG", 0, 45, 46, 44, 45);
        CLOCK.set(T0.plusSeconds(60));
        SessionReport placed = paper.onRun(
                        0,
                        Timeframe.H1,
                        List.of(
                                signal("LE", Signal.Type.LONG, 97, 94, 103),
                                signal("LF", Signal.Type.SHORT, 50, 53, 45),
                                signal("LG", Signal.Type.LONG, 40, 38, 50)))
                .get(0);
        assertThat(placed.placed()).isEqualTo(3);

        StoredOrder le = order(p.id(), "LE");
        assertThat(le.type()).isEqualTo(OrderType.LIMIT);
        assertThat(le.limitPrice()).isEqualTo(97.0);
        assertThat(le.quantity()).as("970 / 97, sized at the entry").isEqualByComparingTo("10");
        StoredOrder lf = order(p.id(), "LF");
        assertThat(lf.type()).as("entry at the close").isEqualTo(OrderType.MARKET);
        assertThat(lf.quantity()).as("970 / (50 × 0.999) = 19.4").isEqualByComparingTo("19");
        assertThat(order(p.id(), "LG").type()).isEqualTo(OrderType.LIMIT);

        bar("LE", 1, 99, 100, 97.5, 99); // the low stays above 97
        bar("LF", 1, 50, 51, 49, 50);
        bar("LG", 1, 45, 46, 44, 45);
        CLOCK.set(T0.plusSeconds(H + 60));
        assertThat(paper.onRun(0, Timeframe.H1, List.of()).get(0).fills())
                .as("LF only")
                .isOne();
        assertThat(order(p.id(), "LE").status()).isEqualTo(OrderStatus.NEW);

        bar("LE", 2, 98, 98.5, 96, 97); // trades through 97 from an open above it: fills at the limit
        bar("LG", 2, 45, 46, 44, 45);
        CLOCK.set(T0.plusSeconds(2 * H + 60));
        assertThat(paper.onRun(0, Timeframe.H1, List.of()).get(0).fills()).isOne();
        StoredOrder filled = order(p.id(), "LE");
        assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(new io.dgas.store.ledger.LedgerReads(db)
                        .withRecentTrades(p.id(), 10).orElseThrow().trades().stream()
                                .filter(t -> t.order().id() == filled.id())
                                .findFirst()
                                .orElseThrow()
                                .executions()
                                .get(0)
                                .execution()
                                .price())
                .as("at the limit, no slippage")
                .isEqualTo(97.0);
        assertThat(order(p.id(), "LG").status())
                .as("bar 2 is still within the 2-bar expiry")
                .isEqualTo(OrderStatus.NEW);

        bar("LG", 3, 41, 42, 39, 41); // would fill at 40, but the order lapsed after bar 2
        CLOCK.set(T0.plusSeconds(3 * H + 60));
        assertThat(paper.onRun(0, Timeframe.H1, List.of()).get(0).fills()).isZero();
        assertThat(order(p.id(), "LG").status()).isEqualTo(OrderStatus.CANCELLED);
    }
}
