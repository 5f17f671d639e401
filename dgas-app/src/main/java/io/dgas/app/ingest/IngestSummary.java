package io.dgas.app.ingest;

import io.dgas.store.ingest.IngestReport;
import java.util.LinkedHashMap;
import java.util.Map;

/** An ingest report as the document {@code dgas ingest --json} prints and the upload routes answer (snake_case). */
public final class IngestSummary {
    private IngestSummary() {}

    public static Map<String, Object> model(IngestReport r) {
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
        return m;
    }
}
