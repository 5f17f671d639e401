package io.dgas.app.stream;

import io.dgas.app.schedule.ExchangeCalendar;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * When a symbol trades, from its exchange calendar: crypto around the clock, every other asset class on the US
 * equities session (09:30–16:00 America/New_York, weekdays, minus the holidays listed in {@value #US_HOLIDAYS}) —
 * the only exchange calendar shipped, and the one of the EODHD US trade stream.
 */
public final class MarketHours {
    /** The US equities holiday list (data: one ISO date a line). */
    public static final String US_HOLIDAYS = "calendar/us-equities-holidays.txt";

    private final ExchangeCalendar usEquities;

    public MarketHours(ExchangeCalendar usEquities) {
        this.usEquities = usEquities;
    }

    /** The shipped calendars. */
    public static MarketHours standard() {
        return new MarketHours(ExchangeCalendar.of(true, "America/New_York", "09:30-16:00", holidays(US_HOLIDAYS)));
    }

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

    /** The dates of a holiday list on the classpath ({@code #} comments and blank lines skipped). */
    static Set<LocalDate> holidays(String resource) {
        Set<LocalDate> out = new HashSet<>();
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
                try {
                    out.add(LocalDate.parse(t));
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IllegalStateException(resource + " line " + n + ": not a date: '" + t + "'", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
