package io.dgas.app.stream;

import io.dgas.app.schedule.ExchangeCalendar;
import io.dgas.app.schedule.UsEquityHolidays;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * When a symbol trades, from its exchange calendar: crypto around the clock, every other asset class on the US
 * equities session (09:30–16:00 America/New_York, weekdays, minus the holidays listed in {@value #US_HOLIDAYS}, and
 * to 13:00 on the early-close days listed there) — the only exchange calendar shipped, and the one of the EODHD US
 * trade stream.
 */
public final class MarketHours {
    /** The US equities holiday list (data: one ISO date a line, followed by {@code HH:mm} for an early close). */
    public static final String US_HOLIDAYS = "calendar/us-equities-holidays.txt";

    private final ExchangeCalendar usEquities;

    public MarketHours(ExchangeCalendar usEquities) {
        this.usEquities = usEquities;
    }

    /** The last year whose US closures come from the exchanges' rules when the shipped list does not name them. */
    static final int RULES_TO = 2099;

    /**
     * The shipped calendars: the US closures of the shipped list, and for every year from {@value
     * UsEquityHolidays#FIRST_YEAR} those of the exchanges' rules ({@link UsEquityHolidays}, which equal the list where
     * both name a year); an early close of the list wins over the rules'.
     */
    public static MarketHours standard() {
        Days days = days(US_HOLIDAYS);
        Set<LocalDate> closed = new HashSet<>(UsEquityHolidays.closed(UsEquityHolidays.FIRST_YEAR, RULES_TO));
        closed.addAll(days.closed());
        Map<LocalDate, LocalTime> early =
                new HashMap<>(UsEquityHolidays.earlyCloses(UsEquityHolidays.FIRST_YEAR, RULES_TO));
        early.keySet().removeAll(closed);
        early.putAll(days.earlyCloses());
        return new MarketHours(ExchangeCalendar.of(true, "America/New_York", "09:30-16:00", closed)
                .withEarlyCloses(early));
    }

    /** A calendar list: the dates closed all day, and the early-close dates with the session's end. */
    record Days(Set<LocalDate> closed, Map<LocalDate, LocalTime> earlyCloses) {}

    /** The market a symbol of {@code assetClass} (as {@code symbols.asset_class}) trades on: its calendar's name. */
    public String market(String assetClass) {
        return "crypto".equals(assetClass == null ? "" : assetClass.toLowerCase(Locale.ROOT))
                ? "crypto"
                : "us-equities";
    }

    /** Whether a symbol of {@code assetClass} (as {@code symbols.asset_class}) trades at {@code at}. */
    public boolean isOpen(String assetClass, Instant at) {
        return market(assetClass).equals("crypto") || usEquities.isOpen(at);
    }

    /**
     * When a symbol of {@code assetClass} trades within {@code [from, to)}: the sessions that meet it (crypto: the
     * interval itself), in time order; a bar whose interval meets none is not expected.
     */
    public List<ExchangeCalendar.Session> sessions(String assetClass, Instant from, Instant to) {
        if (market(assetClass).equals("crypto")) {
            return from.isBefore(to) ? List.of(new ExchangeCalendar.Session(from, to)) : List.of();
        }
        return usEquities.sessions(from, to);
    }

    /**
     * The days of a holiday list on the classpath: {@code yyyy-mm-dd} closed all day, {@code yyyy-mm-dd HH:mm} closing
     * early at that time ({@code #} comments and blank lines skipped).
     */
    static Days days(String resource) {
        Set<LocalDate> out = new HashSet<>();
        Map<LocalDate, LocalTime> early = new HashMap<>();
        try (InputStream in = MarketHours.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("holiday list " + resource + " is not on the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int n = 0;
            for (String line; (line = r.readLine()) != null; ) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] parts = t.split("\\s+");
                try {
                    if (parts.length == 1) {
                        out.add(LocalDate.parse(parts[0]));
                    } else if (parts.length == 2) {
                        early.put(LocalDate.parse(parts[0]), LocalTime.parse(parts[1]));
                    } else {
                        throw new IllegalStateException(
                                resource + " line " + n + ": expected a date and an optional HH:mm, was '" + t + "'");
                    }
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IllegalStateException(
                            resource + " line " + n + ": not a date (or HH:mm): '" + t + "'", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Days(out, early);
    }
}
