package io.dgas.store.bars;

import io.dgas.store.ingest.InvalidInputException;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * An exchange session for daily and weekly aggregation: bars whose local time (in {@code zone}) falls in
 * {@code [open, close)} belong to that local date's session; a daily bucket is stamped at the session date 00:00 UTC
 * and a weekly one at the Monday of its week 00:00 UTC.
 */
public record Session(ZoneId zone, LocalTime open, LocalTime close) {

    /**
     * Parses {@code America/New_York} and {@code 09:30-16:00}.
     *
     * @throws InvalidInputException for an unknown zone, malformed hours or {@code open >= close}
     */
    public static Session parse(String zone, String hours) {
        ZoneId z;
        try {
            z = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new InvalidInputException("--session: unknown time zone '" + zone + "' (e.g. America/New_York)");
        }
        String[] parts = hours.split("-");
        try {
            if (parts.length == 2) {
                LocalTime o = LocalTime.parse(parts[0].trim());
                LocalTime c = LocalTime.parse(parts[1].trim());
                if (o.isBefore(c)) {
                    return new Session(z, o, c);
                }
            }
        } catch (DateTimeException e) {
            // fall through to the message below
        }
        throw new InvalidInputException(
                "--session: hours must be HH:MM-HH:MM with open before close (e.g. 09:30-16:00), not '" + hours + "'");
    }
}
