package io.dgas.app.stream;

import io.dgas.app.schedule.AsxHolidays;
import io.dgas.app.schedule.CalendarFiles;
import io.dgas.app.schedule.EuronextHolidays;
import io.dgas.app.schedule.ExchangeCalendar;
import io.dgas.app.schedule.HkexHolidays;
import io.dgas.app.schedule.LseHolidays;
import io.dgas.app.schedule.SixHolidays;
import io.dgas.app.schedule.TsxHolidays;
import io.dgas.app.schedule.UsEquityHolidays;
import io.dgas.app.schedule.XetraHolidays;
import io.dgas.app.service.Lazy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * When a symbol trades, by its market ({@link #market}: its asset class, then the exchange its ticker names):
 * {@value #CRYPTO} around the clock; {@value #FOREX} the foreign-exchange week, from 17:00 New York on Sunday to 17:00
 * on Friday without a break, each trading day rolling at 17:00 New York, closed on 25 December and 1 January (the days
 * the interbank market shuts; {@link #FOREX_CLOSED}); the stock exchanges of {@link #EXCHANGES} in their own zones and
 * sessions with their holidays and early closes: {@value #LSE} ({@code X.LSE}) 08:00–16:30 London ({@link
 * LseHolidays}), {@value #XETRA} ({@code X.XETRA}) 09:00–17:30 Frankfurt ({@link XetraHolidays}), {@value #EURONEXT}
 * ({@code X.PA}, {@code .AS}, {@code .BR}, {@code .LS}) 09:00–17:30 Paris ({@link EuronextHolidays}), {@value #SIX}
 * ({@code X.SW}) 09:00–17:30 Zurich ({@link SixHolidays}), {@value #TSX} ({@code X.TO}, {@code .V}, {@code .NEO})
 * 09:30–16:00 Toronto ({@link TsxHolidays}), {@value #ASX} ({@code X.AU}) 10:00–16:00 Sydney ({@link AsxHolidays}),
 * {@value #HKEX} ({@code 0700.HK}) 09:30–12:00 and 13:00–16:00 Hong Kong ({@link HkexHolidays}; the hours of March
 * 2012 on, which judge earlier bars too); a ticker of another exchange the market-data API names ({@link #UNCOVERED}:
 * Korea, India, …) has a
 * market of its own without a calendar ({@link #covers} is false: its missing bars cannot be judged); every other
 * symbol the US equities session ({@value #US_EQUITIES}: 09:30–16:00 America/New_York, weekdays, minus the holidays
 * listed in {@value #US_HOLIDAYS}, and to 13:00 on the early-close days listed there), the session of the EODHD US
 * trade stream.
 */
public final class MarketHours {
    /** The US equities holiday list (data: one ISO date a line, followed by {@code HH:mm} for an early close). */
    public static final String US_HOLIDAYS = "calendar/us-equities-holidays.txt";

    /** The market of crypto symbols ({@link #market}): open around the clock. */
    public static final String CRYPTO = "crypto";

    /** The market of forex symbols ({@link #market}): the foreign-exchange week. */
    public static final String FOREX = "forex";

    /** The market of tickers on the London Stock Exchange ({@code VOD.LSE}). */
    public static final String LSE = "lse";

    /** The market of tickers on Xetra ({@code SAP.XETRA}). */
    public static final String XETRA = "xetra";

    /** The market of Euronext's tickers ({@code MC.PA}, {@code ASML.AS}, {@code ABI.BR}, {@code EDP.LS}). */
    public static final String EURONEXT = "euronext";

    /** The market of tickers on the SIX Swiss Exchange ({@code NESN.SW}). */
    public static final String SIX = "six";

    /** The market of tickers on the Toronto exchanges ({@code SHOP.TO}, {@code X.V}, {@code X.NEO}). */
    public static final String TSX = "tsx";

    /** The market of tickers on the Australian Securities Exchange ({@code BHP.AU}). */
    public static final String ASX = "asx";

    /** The market of tickers on Hong Kong Exchanges ({@code 0700.HK}). */
    public static final String HKEX = "hkex";

    /** The market of every other symbol ({@link #market}): the US equities session. */
    public static final String US_EQUITIES = "us-equities";

    /** Every market with a calendar here ({@link #market} gives other exchanges' codes too, which have none). */
    public static final List<String> MARKETS =
            List.of(US_EQUITIES, LSE, XETRA, EURONEXT, SIX, TSX, ASX, HKEX, FOREX, CRYPTO);

    /** The foreign-exchange trading days closed every year (month, day): Christmas Day and New Year's Day. */
    static final List<MonthDay> FOREX_CLOSED = List.of(MonthDay.of(12, 25), MonthDay.of(1, 1));

    /** The markets with a trade stream (EODHD's WebSocket feeds: crypto, forex and US tickers). */
    private static final Set<String> STREAMED = Set.of(CRYPTO, FOREX, US_EQUITIES);

    /** The market-data API's exchange codes (a ticker's suffix, {@code VOD.LSE}) → the market with their calendar. */
    public static final Map<String, String> EXCHANGES = Map.ofEntries(
            Map.entry("US", US_EQUITIES),
            Map.entry("CC", CRYPTO),
            Map.entry("FOREX", FOREX),
            Map.entry("LSE", LSE),
            Map.entry("XETRA", XETRA),
            Map.entry("PA", EURONEXT),
            Map.entry("AS", EURONEXT),
            Map.entry("BR", EURONEXT),
            Map.entry("LS", EURONEXT),
            Map.entry("SW", SIX),
            Map.entry("TO", TSX),
            Map.entry("V", TSX),
            Map.entry("NEO", TSX),
            Map.entry("AU", ASX),
            Map.entry("HK", HKEX));

    /**
     * The market-data API's other exchange codes: a ticker naming one ({@code 005930.KO}) is of that exchange, whose
     * calendar dgas does not have (a suffix no exchange has, {@code BRK.B}, leaves a US ticker).
     */
    static final Set<String> UNCOVERED = Set.of(
            "F", "BE", "DU", "HM", "HA", "MU", "STU", "LU", "VI", "MC", "MI", "IR", "ST", "OL", "CO", "HE", "IC", "WAR",
            "BUD", "PR", "AT", "RO", "ZSE", "IS", "TA", "JSE", "SA", "MX", "BA", "SN", "LIM", "KO", "KQ", "SHG", "SHE",
            "TW", "TWO", "NSE", "BSE", "JK", "KLSE", "BK", "PSE", "VN", "KAR", "NZ", "SR");

    /** The codes of {@link #EXCHANGES} that name a stock exchange (not crypto's or forex's), in order. */
    private static final Set<String> STOCK_EXCHANGES = new TreeSet<>(EXCHANGES.entrySet().stream()
            .filter(e -> !e.getValue().equals(CRYPTO) && !e.getValue().equals(FOREX))
            .map(Map.Entry::getKey)
            .toList());

    /**
     * Market → its calendar, built on first use (a process judging London's bars never builds Hong Kong's lunar
     * holidays, which cost about half a second cold); a market without one (crypto) is always open.
     */
    private final Map<String, Supplier<ExchangeCalendar>> calendars;

    /** The stock exchanges' codes with a calendar here, in order ({@link #exchanges}). */
    private final List<String> exchanges;

    /** The exchange codes whose calendar is the user's ({@link #isUsers}). */
    private final Set<String> users;

    private MarketHours(Map<String, Supplier<ExchangeCalendar>> calendars, List<String> exchanges, Set<String> users) {
        Map<String, Supplier<ExchangeCalendar>> once = new HashMap<>();
        calendars.forEach((market, build) -> once.put(market, Lazy.of(build)));
        this.calendars = Map.copyOf(once);
        this.exchanges = exchanges;
        this.users = Set.copyOf(users);
    }

    /** The last year whose closures come from the exchanges' rules (from {@value UsEquityHolidays#FIRST_YEAR}). */
    static final int RULES_TO = 2099;

    /**
     * The shipped calendars: the US closures of the shipped list, and for every year from {@value
     * UsEquityHolidays#FIRST_YEAR} those of the exchanges' rules ({@link UsEquityHolidays}, which equal the list where
     * both name a year; an early close of the list wins over the rules'); the forex week; the other exchanges'
     * calendars by their rules.
     */
    public static MarketHours standard() {
        return standard(Map.of());
    }

    /**
     * The shipped calendars with the user's ({@link io.dgas.app.schedule.CalendarFiles}, by exchange code: one of
     * {@link #fileCodes}) beside them or in their place: a {@code KO} calendar makes {@code 005930.KO}'s market
     * judged, an {@code HK} one replaces Hong Kong's.
     */
    public static MarketHours standard(Map<String, ExchangeCalendar> byCode) {
        Map<String, Supplier<ExchangeCalendar>> all = new HashMap<>(shipped());
        Set<String> codes = new TreeSet<>(STOCK_EXCHANGES);
        Set<String> accepted = fileCodes();
        byCode.forEach((code, calendar) -> {
            if (!accepted.contains(code)) {
                throw new IllegalArgumentException("no exchange has the code " + code + ": " + accepted);
            }
            all.put(ofExchange(code), () -> calendar);
            codes.add(code);
        });
        return new MarketHours(all, List.copyOf(codes), byCode.keySet());
    }

    /**
     * The exchange codes a user's calendar may be named by: those with a shipped stock exchange calendar and the other
     * codes of the market-data API ({@link #UNCOVERED}).
     */
    public static Set<String> fileCodes() {
        Set<String> out = new TreeSet<>(STOCK_EXCHANGES);
        out.addAll(UNCOVERED);
        return out;
    }

    /** The stock exchanges' codes with a calendar here (crypto's and forex's named apart), in order. */
    public List<String> exchanges() {
        return exchanges;
    }

    /** Whether the calendar of exchange {@code code} is the user's (a file in {@code calendars.dir}), not shipped. */
    public boolean isUsers(String code) {
        return users.contains(code);
    }

    private static Map<String, Supplier<ExchangeCalendar>> shipped() {
        int from = UsEquityHolidays.FIRST_YEAR;
        return Map.of(
                US_EQUITIES,
                () -> usEquities(from),
                FOREX,
                () -> forexWeek(from, RULES_TO),
                LSE,
                () -> ExchangeCalendar.of(true, "Europe/London", "08:00-16:30", LseHolidays.closed(from, RULES_TO))
                        .withEarlyCloses(LseHolidays.earlyCloses(from, RULES_TO)),
                XETRA,
                () -> ExchangeCalendar.of(true, "Europe/Berlin", "09:00-17:30", XetraHolidays.closed(from, RULES_TO)),
                EURONEXT,
                () -> ExchangeCalendar.of(true, "Europe/Paris", "09:00-17:30", EuronextHolidays.closed(from, RULES_TO))
                        .withEarlyCloses(EuronextHolidays.earlyCloses(from, RULES_TO)),
                SIX,
                () -> ExchangeCalendar.of(true, "Europe/Zurich", "09:00-17:30", SixHolidays.closed(from, RULES_TO)),
                TSX,
                () -> ExchangeCalendar.of(true, "America/Toronto", "09:30-16:00", TsxHolidays.closed(from, RULES_TO))
                        .withEarlyCloses(TsxHolidays.earlyCloses(from, RULES_TO)),
                ASX,
                () -> ExchangeCalendar.of(true, "Australia/Sydney", "10:00-16:00", AsxHolidays.closed(from, RULES_TO))
                        .withEarlyCloses(AsxHolidays.earlyCloses(from, RULES_TO)),
                HKEX,
                () -> hongKong(from));
    }

    /** Hong Kong's sessions around the lunch break, its closures and its noon closes (each year's holidays once). */
    private static ExchangeCalendar hongKong(int from) {
        Set<LocalDate> closed = HkexHolidays.closed(from, RULES_TO);
        return ExchangeCalendar.of(true, "Asia/Hong_Kong", "09:30-16:00", closed)
                .withEarlyCloses(HkexHolidays.earlyCloses(from, RULES_TO, closed))
                .withBreak("12:00-13:00");
    }

    /** The US closures of the shipped list and of the rules (an early close of the list wins over the rules'). */
    private static ExchangeCalendar usEquities(int from) {
        CalendarFiles.Listing days = days(US_HOLIDAYS);
        Set<LocalDate> closed = new HashSet<>(UsEquityHolidays.closed(from, RULES_TO));
        closed.addAll(days.closed());
        Map<LocalDate, LocalTime> early = new HashMap<>(UsEquityHolidays.earlyCloses(from, RULES_TO));
        early.keySet().removeAll(closed);
        early.putAll(days.earlyCloses());
        return ExchangeCalendar.of(true, "America/New_York", "09:30-16:00", closed)
                .withEarlyCloses(early);
    }

    /** The foreign-exchange week of the years {@code from} to {@code to} (closed days of {@link #FOREX_CLOSED}). */
    static ExchangeCalendar forexWeek(int from, int to) {
        Set<LocalDate> closed = new HashSet<>();
        for (int y = from; y <= to; y++) {
            for (MonthDay d : FOREX_CLOSED) {
                closed.add(d.atYear(y));
            }
        }
        return ExchangeCalendar.overnight(true, "America/New_York", "17:00-17:00", closed);
    }

    /**
     * The market a symbol trades on, its calendar's name: by its asset class ({@code symbols.asset_class}) {@value
     * #CRYPTO} or {@value #FOREX}; else by the exchange its ticker names, as the market-data API spells them ({@code
     * .LSE}: {@link #EXCHANGES}; one of {@link #UNCOVERED}: that exchange's code in lower case, a market without a
     * calendar); else {@value #US_EQUITIES}.
     */
    public static String market(String ticker, String assetClass) {
        String c = assetClass == null ? "" : assetClass.trim().toLowerCase(Locale.ROOT);
        if (c.equals(CRYPTO) || c.equals(FOREX)) {
            return c;
        }
        return ofExchange(exchange(ticker));
    }

    /**
     * The market of the exchange the market-data API names {@code code} ({@code LSE}: {@value #LSE}): {@link #EXCHANGES}'
     * or, for one of {@link #UNCOVERED}, the code in lower case; {@value #US_EQUITIES} for any other code.
     */
    public static String ofExchange(String code) {
        String market = EXCHANGES.get(code);
        return market != null ? market : UNCOVERED.contains(code) ? code.toLowerCase(Locale.ROOT) : US_EQUITIES;
    }

    /** The exchange code a ticker ends with ({@code VOD.LSE}: {@code LSE}), "" without a dot. */
    public static String exchange(String ticker) {
        String t = ticker == null ? "" : ticker.trim().toUpperCase(Locale.ROOT);
        int dot = t.lastIndexOf('.');
        return dot < 0 ? "" : t.substring(dot + 1);
    }

    /** Whether {@code market} ({@link #market}) has a calendar here, so its missing bars can be judged. */
    public boolean covers(String market) {
        return CRYPTO.equals(market) || calendars.containsKey(market);
    }

    /** Whether {@code market} has a trade stream (EODHD's feeds carry only US tickers, crypto and forex). */
    public static boolean streamed(String market) {
        return STREAMED.contains(market);
    }

    /** The calendar of {@code market}, null for one open around the clock ({@value #CRYPTO}). */
    private ExchangeCalendar calendar(String market) {
        Supplier<ExchangeCalendar> c = calendars.get(market);
        if (c == null && !CRYPTO.equals(market)) {
            throw new IllegalArgumentException("unknown market '" + market + "', known: " + calendars.keySet());
        }
        return c == null ? null : c.get();
    }

    /** The calendar of {@code market}, one of {@link #MARKETS} ({@value #CRYPTO}: always open). */
    public ExchangeCalendar calendarOf(String market) {
        ExchangeCalendar c = calendar(market);
        return c == null ? ExchangeCalendar.always() : c;
    }

    /** Whether {@code market} ({@link #market}) trades at {@code at}. */
    public boolean isOpen(String market, Instant at) {
        ExchangeCalendar c = calendar(market);
        return c == null || c.isOpen(at);
    }

    /**
     * When {@code market} trades within {@code [from, to)}: the sessions that meet it (crypto: the interval itself), in
     * time order; a bar whose interval meets none is not expected.
     */
    public List<ExchangeCalendar.Session> sessions(String market, Instant from, Instant to) {
        ExchangeCalendar c = calendar(market);
        if (c == null) {
            return from.isBefore(to) ? List.of(new ExchangeCalendar.Session(from, to)) : List.of();
        }
        return c.sessions(from, to);
    }

    /**
     * The trading days of {@code market} whose dates (as UTC days, the stamp of daily bars) meet {@code [from, to)},
     * each as its whole UTC day, in order: the days a daily bar is expected. By the date, not by the session's hours: a
     * forex session opening on Sunday evening belongs to Monday, so no Sunday bar is expected.
     */
    public List<ExchangeCalendar.Session> tradingDays(String market, Instant from, Instant to) {
        ExchangeCalendar c = calendar(market);
        List<ExchangeCalendar.Session> out = new ArrayList<>();
        LocalDate last = to.atZone(ZoneOffset.UTC).toLocalDate();
        for (LocalDate d = from.atZone(ZoneOffset.UTC).toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
            Instant opens = d.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant closes = opens.plus(Duration.ofDays(1));
            if ((c == null || c.tradingDay(d)) && opens.isBefore(to) && from.isBefore(closes)) {
                out.add(new ExchangeCalendar.Session(opens, closes));
            }
        }
        return out;
    }

    /**
     * The days of a holiday list on the classpath: {@code yyyy-mm-dd} closed all day, {@code yyyy-mm-dd HH:mm} closing
     * early at that time ({@code #} comments and blank lines skipped), read as a calendar file without directives.
     */
    static CalendarFiles.Listing days(String resource) {
        try (InputStream in = MarketHours.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("holiday list " + resource + " is not on the classpath");
            }
            List<String> lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .toList();
            return CalendarFiles.read(resource, lines, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
