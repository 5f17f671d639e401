package io.dgas.app.ingest;

import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.DgasConfig;
import io.dgas.app.config.UnableToConfigureException;
import io.dgas.store.ingest.IngestLimits;
import java.time.Clock;
import java.time.ZoneOffset;

/** The ingest bounds from the {@code ingest.*} keys. */
final class IngestSettings {
    private IngestSettings() {}

    /** The limits the configuration sets, reading now from {@code clock}. */
    static IngestLimits limits(DgasConfig c, Clock clock) {
        double min = c.positive(ConfigKeys.INGEST_MIN_PRICE);
        double max = c.positive(ConfigKeys.INGEST_MAX_PRICE);
        if (!(min < max)) {
            throw new UnableToConfigureException(ConfigKeys.INGEST_MIN_PRICE + " (" + min + ") must be below "
                    + ConfigKeys.INGEST_MAX_PRICE + " (" + max + ")");
        }
        long minMicros =
                c.date(ConfigKeys.INGEST_MIN_TIMESTAMP).atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
        return new IngestLimits(
                minMicros,
                c.seconds(ConfigKeys.INGEST_MAX_FUTURE),
                min,
                max,
                c.intValue(ConfigKeys.INGEST_MAX_LINE),
                clock);
    }
}
