package io.dgas.app.cycle;

import io.dgas.calc.drummond.Signal;
import io.dgas.store.runs.SignalWrites;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A finished cycle as a document: its run, its signals and what the paper sessions did with them (what {@code dgas
 * cycle --json} and the API answer).
 */
public final class CycleSummary {
    private CycleSummary() {}

    /** {@code {run, signals, paper}}. */
    public static Map<String, Object> model(CycleResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", r.run());
        m.put("signals", signals(r));
        m.put("paper", paper(r));
        return m;
    }

    /**
     * Each active paper session's part in the run: session and portfolio ids, orders placed and refused, fills, exits
     * and its equity after the run (the exact amount, a number of eight decimals, as the ledger's API writes money).
     */
    public static List<Map<String, Object>> paper(CycleResult r) {
        return r.paper().stream().map(CycleSummary::activity).toList();
    }

    private static Map<String, Object> activity(PaperActivity a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("session_id", a.sessionId());
        m.put("portfolio_id", a.portfolioId());
        m.put("placed", a.placed());
        m.put("rejected", a.rejected());
        m.put("fills", a.fills());
        m.put("exits", a.exits());
        m.put("equity", a.equity());
        return m;
    }

    /** A session's equity in two decimals, half-even (its ledger amounts keep eight). */
    public static String equity(PaperActivity a) {
        return a.equity().setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** The run's signals: symbol, timestamp, type, entry, stop, target (null when none), confidence, … tier, win
     * probability, expiry and reasons. */
    public static List<Map<String, Object>> signals(CycleResult r) {
        return r.signals().stream().map(CycleSummary::signal).toList();
    }

    private static Map<String, Object> signal(Signal s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbol", s.symbol());
        m.put("timestamp", Instant.ofEpochSecond(s.ts()).toString());
        m.put("type", SignalWrites.code(s.type()));
        m.put("entry", s.entry());
        m.put("stop", Double.isNaN(s.stop()) ? null : s.stop());
        m.put("target", Double.isNaN(s.target()) ? null : s.target());
        m.put("confidence", s.confidence());
        m.put("strength", s.strength());
        m.put("alignment", s.alignment());
        m.put("tier", s.tier().name().toLowerCase(Locale.ROOT));
        SignalText.put(m, s);
        return m;
    }
}
