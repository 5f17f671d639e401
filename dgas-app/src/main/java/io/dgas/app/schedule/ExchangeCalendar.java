package io.dgas.app.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When the market is open, for gating scheduled cycles: optionally weekdays only, optionally a daily session in the
 * exchange's time zone ({@code 09:30-16:00 America/New_York}), minus a holiday list, with the session ending earlier on
 * early-close days ({@code 13:00} on the day after Thanksgiving). Session end is exclusive.
 *
 * <p>A session may open the evening before its trading day ({@link #overnight}): the foreign-exchange week, whose
 * trading day rolls at 17:00 New York, so that Monday's session opens on Sunday at 17:00 and Friday's closes the week
 * at 17:00. Weekdays, holidays and early closes are then those of the trading day the session belongs to, the day it
 * closes.
 *
 * <p>A day's session may pause at midday ({@link #withBreak}: Hong Kong's {@code 12:00-13:00}): a trading day then
 * has two sessions, and an early close at or before the break's start leaves the morning's alone (the half days of
 * Hong Kong end at noon).
 *
 * @param earlyCloses date → the session's end that day (local time), before {@code close}
 * @param breakStart the midday break's start (local time), null without one
 * @param breakEnd the midday break's end, after its start and before {@code close}; null without one
 */
public record ExchangeCalendar(
        boolean weekdaysOnly,
        ZoneId zone,
        LocalTime open,
        LocalTime close,
        Set<LocalDate> holidays,
        Map<LocalDate, LocalTime> earlyCloses,
        LocalTime breakStart,
        LocalTime breakEnd) {

    /** A calendar without early closes or a break. */
    public ExchangeCalendar(
            boolean weekdaysOnly, ZoneId zone, LocalTime open, LocalTime close, Set<LocalDate> holidays) {
        this(weekdaysOnly, zone, open, close, holidays, Map.of(), null, null);
    }

    /** This calendar with the session ending at {@code earlyCloses}' time on their dates. */
    public ExchangeCalendar withEarlyCloses(Map<LocalDate, LocalTime> earlyCloses) {
        return new ExchangeCalendar(
                weekdaysOnly, zone, open, close, holidays, Map.copyOf(earlyCloses), breakStart, breakEnd);
    }

    /** This calendar with the session pausing for {@code HH:mm-HH:mm} each day, within its session. */
    public ExchangeCalendar withBreak(String pause) {
        LocalTime[] b = parse(pause);
        if (open == null || opensDayBefore() || !b[0].isAfter(open) || !b[1].isAfter(b[0]) || !close.isAfter(b[1])) {
            throw new IllegalArgumentException(
                    "a break must lie inside a day's session (" + open + "-" + close + "), was '" + pause + "'");
        }
        return new ExchangeCalendar(weekdaysOnly, zone, open, close, holidays, earlyCloses, b[0], b[1]);
    }

    /** Always open: 24/7 markets such as crypto. */
    public static ExchangeCalendar always() {
        return new ExchangeCalendar(false, ZoneId.of("UTC"), null, null, Set.of());
    }

    /** Parses {@code HH:mm-HH:mm} (null or blank: all day). */
    public static ExchangeCalendar of(boolean weekdaysOnly, String zone, String session, Set<LocalDate> holidays) {
        LocalTime o = null;
        LocalTime c = null;
        if (session != null && !session.isBlank()) {
            LocalTime[] oc = parse(session);
            o = oc[0];
            c = oc[1];
            if (!c.isAfter(o)) {
                throw new IllegalArgumentException("session end " + c + " must be after its start " + o);
            }
        }
        return new ExchangeCalendar(weekdaysOnly, ZoneId.of(zone), o, c, Set.copyOf(holidays));
    }

    /**
     * A calendar whose session opens the evening before each trading day: {@code 17:00-17:00} is open from 17:00 on
     * the day before the trading day to 17:00 on it (the start at or after the end, unlike {@link #of}).
     */
    public static ExchangeCalendar overnight(
            boolean weekdaysOnly, String zone, String session, Set<LocalDate> holidays) {
        LocalTime[] oc = parse(session);
        if (oc[1].isAfter(oc[0])) {
            throw new IllegalArgumentException(
                    "an overnight session must start at or after its end (the evening before), was '" + session + "'");
        }
        return new ExchangeCalendar(weekdaysOnly, ZoneId.of(zone), oc[0], oc[1], Set.copyOf(holidays));
    }

    private static LocalTime[] parse(String session) {
        String[] parts = session.trim().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("session must look like 09:30-16:00, was '" + session + "'");
        }
        return new LocalTime[] {LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim())};
    }

    /** Whether each session opens the evening before its trading day ({@link #overnight}). */
    public boolean opensDayBefore() {
        return open != null && !close.isAfter(open);
    }

    public boolean isOpen(Instant at) {
        ZonedDateTime z = at.atZone(zone);
        LocalDate d = z.toLocalDate();
        LocalTime t = z.toLocalTime();
        if (opensDayBefore() && !t.isBefore(open)) {
            // the evening part of the next trading day's session
            return tradingDay(d.plusDays(1));
        }
        if (!tradingDay(d)) {
            return false;
        }
        if (open == null) {
            return true;
        }
        boolean paused = breakStart != null && !t.isBefore(breakStart) && t.isBefore(breakEnd);
        return (opensDayBefore() || !t.isBefore(open)) && t.isBefore(earlyCloses.getOrDefault(d, close)) && !paused;
    }

    /** One trading day's session, {@code [opens, closes)}. */
    public record Session(Instant opens, Instant closes) {}

    /**
     * The sessions that meet {@code [from, to)}, in time order (a trading day's whole day when the calendar has no
     * session; its morning and afternoon apart when it has a break); each is the day's full session, not cut to the
     * interval.
     */
    public List<Session> sessions(Instant from, Instant to) {
        List<Session> out = new ArrayList<>();
        if (!from.isBefore(to)) {
            return out;
        }
        // a session may start the day before in UTC terms, and an overnight one opens the evening before its day:
        // take a day more on either side and keep only those that meet
        LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
        for (LocalDate d = from.atZone(zone).toLocalDate().minusDays(1); !d.isAfter(last); d = d.plusDays(1)) {
            if (!tradingDay(d)) {
                continue;
            }
            Instant opens = (open == null
                            ? d.atStartOfDay(zone)
                            : (opensDayBefore() ? d.minusDays(1) : d)
                                    .atTime(open)
                                    .atZone(zone))
                    .toInstant();
            LocalTime ends = open == null ? null : earlyCloses.getOrDefault(d, close);
            Instant closes = (open == null
                            ? d.plusDays(1).atStartOfDay(zone)
                            : d.atTime(ends).atZone(zone))
                    .toInstant();
            if (breakStart != null && ends.isAfter(breakStart)) {
                // the morning, then the afternoon when the day does not end by the break's end
                addMeeting(out, opens, d.atTime(breakStart).atZone(zone).toInstant(), from, to);
                if (ends.isAfter(breakEnd)) {
                    addMeeting(out, d.atTime(breakEnd).atZone(zone).toInstant(), closes, from, to);
                }
            } else {
                addMeeting(out, opens, closes, from, to);
            }
        }
        return out;
    }

    private static void addMeeting(List<Session> out, Instant opens, Instant closes, Instant from, Instant to) {
        if (opens.isBefore(to) && from.isBefore(closes)) {
            out.add(new Session(opens, closes));
        }
    }

    /**
     * Whether {@code d} (local date) is a trading day: a weekday when the calendar says so, not a holiday (of an
     * overnight calendar, the day its session closes).
     */
    public boolean tradingDay(LocalDate d) {
        return !(weekdaysOnly && weekend(d)) && !holidays.contains(d);
    }

    /** Whether {@code d} is a Saturday or a Sunday. */
    public static boolean weekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
