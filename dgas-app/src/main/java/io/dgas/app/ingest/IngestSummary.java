package io.dgas.app.ingest;

import io.dgas.store.ingest.IngestReport;
import java.util.LinkedHashMap;
import java.util.Map;

/** An ingest report as the document {@code dgas ingest --json} prints and the upload routes answer (snake_case). */
public final class IngestSummary {
    private IngestSummary() {}

    public static Map<String, Object> model(IngestReport r) {
        return model(r, java.util.List.of());
    }

    /**
     * The warnings about what {@code r} loaded: for bars, its intraday series whose newest bars mostly fall outside
     * their market's hours ({@link io.dgas.app.quality.DataChecks#zoneWarnings}); none for ticks.
     */
    public static java.util.List<String> warnings(IngestReport r, io.dgas.app.quality.DataChecks checks) {
        return "bars".equals(r.kind()) ? checks.zoneWarnings(r.series()) : java.util.List.of();
    }

    /**
     * The report with the warnings about what it loaded ({@code warnings}: for bars, the series whose times look read
     * in the wrong zone, {@link io.dgas.app.quality.DataChecks#zoneWarnings}).
     */
    public static Map<String, Object> model(IngestReport r, java.util.List<String> warnings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", r.source());
        m.put("kind", r.kind());
        m.put("rows_read", r.rowsRead());
        m.put("inserted", r.inserted());
        m.put("updated", r.updated());
        m.put("unchanged", r.unchanged());
        m.put("rejected", r.rejected());
        m.put("rejects_file", r.rejectsFile());
        m.put("series_changed", r.series());
        m.put("millis", r.millis());
        m.put("rows_per_s", r.rowsPerSecond());
        m.put("warnings", warnings);
        return m;
    }
}
