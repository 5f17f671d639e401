package io.dgas.app.evaluate;

import io.dgas.app.cycle.CalibrationJob;
import io.dgas.app.cycle.SymbolAnalyzer;
import io.dgas.app.service.AnalysisService;
import io.dgas.calc.cache.CalculationCache;
import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.EvaluationReport;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.calc.drummond.SignalReplay;
import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.KnownSymbols;
import io.dgas.store.runs.RunRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * <b>[C]</b> {@code dgas signals evaluate} (drummond.md §7): replays the stored history of each symbol bar by bar —
 * signals from data known at each bar only, resolved by the cycle's resolution ({@link CalibrationJob#WINDOW} and the
 * expiry), probabilities from the outcomes decided before each signal — and reports the figures of {@link
 * EvaluationReport}. Signals count when issued within [from, to); the bars before {@code from} warm the analysis up and
 * calibrate, the bars after {@code to} resolve the last signals.
 */
public final class SignalEvaluation {
    /** Symbols whose bars are read together: two statements a batch, and a batch's bars in memory at once. */
    static final int BATCH = 100;

    private static final Instant END = Instant.parse("9999-01-01T00:00:00Z");

    private final Database db;
    private final BarRepository bars;
    private final SymbolAnalyzer analyzer;
    private final MtfParams mtf;

    /** @param mtf the multi-timeframe parameters the replay analyses with (the configured ones) */
    public SignalEvaluation(Database db, CalculationCache calculations, MtfParams mtf) {
        this.db = db;
        this.mtf = mtf;
        this.bars = new BarRepository(db);
        this.analyzer = new SymbolAnalyzer(mtf, SignalParams.defaults(), calculations);
    }

    /**
     * What to evaluate.
     *
     * @param symbols tickers, or null for the active universe
     * @param from first issue time counted, or null for the first bar
     * @param to issue times before this count, or null for all
     * @param htf higher timeframe
     * @param trading trading timeframe
     * @param signals signal parameters (reach, reward:risk, expiry, calibration minimum)
     * @param costBps round-trip cost in basis points of the entry, subtracted from every closed trade's R
     */
    public record Request(
            List<String> symbols,
            Instant from,
            Instant to,
            Timeframe htf,
            Timeframe trading,
            SignalParams signals,
            double costBps) {}

    /**
     * The evaluation.
     *
     * @param symbols symbols replayed with their entry signal count
     * @param skipped symbols with too few bars and why
     * @param report the figures
     */
    public record Result(
            Request request, Map<String, Integer> symbols, Map<String, String> skipped, EvaluationReport report) {}

    /**
     * Replays the stored bars of the request's symbols through the live path and scores the signals.
     *
     * @throws io.dgas.app.service.BadInputException when the higher timeframe cannot pair with the trading one
     */
    public Result evaluate(Request r) {
        return evaluate(r, io.dgas.app.jobs.Progress.NONE);
    }

    /** {@link #evaluate(Request)} reporting to {@code progress}: phase {@code replaying}, a step per symbol. */
    public Result evaluate(Request r, io.dgas.app.jobs.Progress progress) {
        AnalysisService.requireHigher(r.trading(), r.htf());
        return replay(r, progress);
    }

    /**
     * The replay. Its reads, of every stored bar of the symbols, are reads of the {@link Database#routing}: a replica
     * serves them when one holds every write announced so far (database.replicas); {@code progress}, which a job
     * records on the primary, is told between them.
     */
    private Result replay(Request r, io.dgas.app.jobs.Progress progress) {
        List<String> tickers = db.routing().reading(() -> {
            List<String> t = r.symbols() != null ? r.symbols() : new RunRepository(db).activeUniverse();
            KnownSymbols.require(db, t);
            return t;
        });
        long from = r.from() == null ? Long.MIN_VALUE : r.from().getEpochSecond();
        long to = r.to() == null ? Long.MAX_VALUE : r.to().getEpochSecond();
        Map<String, Integer> counted = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        List<SignalReplay.Trade> all = new ArrayList<>();
        progress.phase("replaying", tickers.size());
        for (int b = 0; b < tickers.size(); b += BATCH) {
            progress.stepsDone(b);
            List<String> batch = tickers.subList(b, Math.min(tickers.size(), b + BATCH));
            Map<String, BarColumns> trading =
                    db.routing().reading(() -> bars.rangeForSymbols(batch, r.trading(), Instant.EPOCH, END));
            Map<String, BarColumns> higher =
                    db.routing().reading(() -> bars.rangeForSymbols(batch, r.htf(), Instant.EPOCH, END));
            for (String symbol : batch) {
                replay(r, symbol, trading.get(symbol), higher.get(symbol), counted, skipped, all);
            }
        }
        // calibrated over the whole history, so outcomes decided before `from` inform the first counted signals
        List<SignalReplay.Trade> inWindow = new ArrayList<>();
        for (SignalReplay.Trade t : SignalReplay.calibrate(all, r.signals().minCalibrated())) {
            if (t.signal().ts() >= from && t.signal().ts() < to) {
                inWindow.add(t);
                counted.merge(t.signal().symbol(), 1, Integer::sum);
            }
        }
        return new Result(r, counted, skipped, EvaluationReport.of(inWindow));
    }

    /** One symbol's replay: its trades into {@code all}, or why it was skipped. */
    private void replay(
            Request r,
            String symbol,
            BarColumns tc,
            BarColumns hc,
            Map<String, Integer> counted,
            Map<String, String> skipped,
            List<SignalReplay.Trade> all) {
        if (tc.size() < 3) {
            skipped.put(
                    symbol,
                    tc.size() == 0
                            ? "no " + r.trading().code() + " bars (--trading and --htf choose the pair)"
                            : "only " + tc.size() + " " + r.trading().code() + " bars (at least 3 needed)");
            return;
        }
        BarSeries t = SymbolAnalyzer.series(tc);
        long end = t.ts()[t.size() - 1] + r.trading().seconds();
        BarSeries h = hc.size() >= 3 ? SymbolAnalyzer.series(hc) : BarAggregator.complete(t, r.htf(), end);
        if (h.size() < 3) {
            skipped.put(symbol, "only " + h.size() + " complete " + r.htf().code() + " bars (at least 3 needed)");
            return;
        }
        DrummondAnalysis ta = analyzer.analysis(t);
        DrummondAnalysis ha = analyzer.analysis(h);
        all.addAll(SignalReplay.trades(ha, ta, mtf, r.signals(), CalibrationJob.WINDOW.toSeconds(), r.costBps()));
        counted.put(symbol, 0);
    }
}
