package io.dgas.app.schedule;

import io.dgas.app.config.UnableToConfigureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Exchange calendars a user supplies, one file per exchange in a directory ({@code calendars.dir}), named by the
 * market-data API's exchange code ({@code KO.txt} for {@code 005930.KO}): for an exchange dgas ships no calendar of,
 * or in place of a shipped one. A file is read line by line ({@code #} comments and blank lines skipped):
 *
 * <pre>
 * zone Asia/Seoul            # required: the exchange's time zone
 * session 09:00-15:30        # required: the day's session, local time
 * break 11:30-12:30          # optional: a midday pause inside it
 * 2025-01-01                 # a weekday the exchange is closed
 * 2025-12-30 13:00           # a day it closes early, at that time
 * </pre>
 *
 * Saturdays and Sundays are closed. Any mistake stops the load naming the file, the line and the value.
 */
public final class CalendarFiles {
    /** The file name's suffix. */
    static final String SUFFIX = ".txt";

    private CalendarFiles() {}

    /**
     * The calendars of the {@code *.txt} files in {@code dir} by exchange code (upper case), each one of {@code codes}
     * (else the load stops naming them); none when the directory does not exist.
     *
     * @throws UnableToConfigureException naming the file, line and value of the first mistake
     */
    public static Map<String, ExchangeCalendar> load(Path dir, Set<String> codes) {
        Map<String, ExchangeCalendar> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String code = name.substring(0, name.length() - SUFFIX.length()).toUpperCase(Locale.ROOT);
                if (!codes.contains(code)) {
                    throw new UnableToConfigureException(f + ": " + code + " is not an exchange code of the"
                            + " market-data API; name the file by one of " + String.join(", ", new TreeSet<>(codes))
                            + " (KO.txt for 005930.KO)");
                }
                out.put(code, parse(f, Files.readAllLines(f, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the calendars in " + dir, e);
        }
        return out;
    }

    /**
     * What a calendar's lines say: its directives ({@code zone}, {@code session}, {@code break}) by name, its closed days
     * and its early closes. The shipped US holiday list is read so too, without directives.
     */
    public record Listing(
            Map<String, String> directives, Set<LocalDate> closed, Map<LocalDate, LocalTime> earlyCloses) {}

    /** The directives of a calendar file, each checked as it is read. */
    private static final Map<String, UnaryOperator<String>> DIRECTIVES = Map.of(
            "zone",
            z -> ZoneId.of(z).getId(),
            "session",
            CalendarFiles::checkedSession,
            "break",
            CalendarFiles::checkedSession);

    /**
     * Reads {@code lines} ({@code source} names them in errors): a directive of {@code directives} (its value checked
     * by its function), or a date closed all day, or a date and the {@code HH:mm} it closes early; {@code #} starts a
     * comment, blank lines are skipped.
     *
     * @throws UnableToConfigureException naming the source, the line and the value of the first mistake
     */
    public static Listing read(String source, List<String> lines, Map<String, UnaryOperator<String>> directives) {
        Map<String, String> said = new HashMap<>();
        Set<LocalDate> closed = new HashSet<>();
        Map<LocalDate, LocalTime> early = new HashMap<>();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            int hash = line.indexOf('#');
            String t = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (t.isEmpty()) {
                continue;
            }
            String[] parts = t.split("\\s+");
            String name = parts[0].toLowerCase(Locale.ROOT);
            try {
                if (directives.containsKey(name)) {
                    said.put(name, directives.get(name).apply(single(parts)));
                } else {
                    LocalDate d = LocalDate.parse(parts[0]);
                    if (parts.length == 1) {
                        closed.add(d);
                    } else if (parts.length == 2) {
                        early.put(d, LocalTime.parse(parts[1]));
                    } else {
                        throw new IllegalArgumentException("expected a date and an optional HH:mm");
                    }
                }
            } catch (DateTimeException | IllegalArgumentException e) {
                throw new UnableToConfigureException(source + " line " + n + ": '" + t + "': " + reason(e) + " (lines: "
                        + (directives.isEmpty() ? "" : "zone ZONE, session HH:mm-HH:mm, break HH:mm-HH:mm, ")
                        + "yyyy-mm-dd [HH:mm])");
            }
        }
        return new Listing(said, closed, early);
    }

    /** The calendar of one file's {@code lines} ({@code file} names it in errors). */
    static ExchangeCalendar parse(Path file, List<String> lines) {
        Listing l = read(file.toString(), lines, DIRECTIVES);
        String zone = l.directives().get("zone");
        String session = l.directives().get("session");
        String pause = l.directives().get("break");
        if (zone == null || session == null) {
            throw new UnableToConfigureException(
                    file + ": needs a 'zone' line (Asia/Seoul) and a 'session' line (09:00-15:30)");
        }
        try {
            ExchangeCalendar c =
                    ExchangeCalendar.of(true, zone, session, l.closed()).withEarlyCloses(l.earlyCloses());
            return pause == null ? c : c.withBreak(pause);
        } catch (IllegalArgumentException e) {
            throw new UnableToConfigureException(file + ": " + e.getMessage());
        }
    }

    private static String single(String[] parts) {
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected one value after '" + parts[0] + "'");
        }
        return parts[1];
    }

    /** A session as {@link ExchangeCalendar#of} parses it, checked here so the error names the line. */
    private static String checkedSession(String s) {
        ExchangeCalendar.of(true, "UTC", s, Set.of());
        return s;
    }

    private static String reason(RuntimeException e) {
        return e instanceof DateTimeException
                ? "not a date, time or time zone (" + e.getMessage() + ")"
                : e.getMessage();
    }
}
