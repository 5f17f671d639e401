package io.dgas.app.ingest;

import io.dgas.store.bars.SoftDelete;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a soft delete, restore or purge changed, as {@code dgas data delete|restore|purge --json} and
 * {@code POST /api/v1/data/…} answer it: {@code {bars, ticks}} and, when higher timeframes were made again,
 * {@code rebuilt: [{timeframe, written, deleted}]}.
 */
public final class DataChanges {
    private DataChanges() {}

    public static Map<String, Object> body(SoftDelete.Changed c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bars", c.bars());
        m.put("ticks", c.ticks());
        List<Map<String, Object>> rebuilt = c.rebuilt().stream()
                .map(r -> {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("timeframe", r.target().code());
                    t.put("written", r.written());
                    t.put("deleted", r.deleted());
                    return t;
                })
                .toList();
        if (!rebuilt.isEmpty()) {
            m.put("rebuilt", rebuilt);
        }
        return m;
    }
}
