package io.dgas.app.cycle;

import io.dgas.calc.drummond.Signal;
import io.dgas.store.runs.RunRepository;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A finished cycle as a document: its run and its signals (what {@code dgas cycle --json} and the API answer). */
public final class CycleSummary {
    private CycleSummary() {}

    /** {@code {run, signals}}. */
    public static Map<String, Object> model(CycleResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", r.run());
        m.put("signals", signals(r));
        return m;
    }

    /** The run's signals: symbol, timestamp, type, entry, stop, target (null when none), confidence, … tier. */
    public static List<Map<String, Object>> signals(CycleResult r) {
        return r.signals().stream().map(CycleSummary::signal).toList();
    }

    private static Map<String, Object> signal(Signal s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbol", s.symbol());
        m.put("timestamp", Instant.ofEpochSecond(s.ts()).toString());
        m.put("type", RunRepository.code(s.type()));
        m.put("entry", s.entry());
        m.put("stop", Double.isNaN(s.stop()) ? null : s.stop());
        m.put("target", Double.isNaN(s.target()) ? null : s.target());
        m.put("confidence", s.confidence());
        m.put("strength", s.strength());
        m.put("alignment", s.alignment());
        m.put("tier", s.tier().name().toLowerCase(Locale.ROOT));
        return m;
    }
}
