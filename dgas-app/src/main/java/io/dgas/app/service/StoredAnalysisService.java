package io.dgas.app.service;

import io.dgas.app.cycle.OwnTimeframes;
import io.dgas.app.cycle.SymbolAnalyzer;
import io.dgas.calc.cache.CalculationCache;
import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.MarketState;
import io.dgas.calc.drummond.MtfAnalysis;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.MultiTimeframe;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.calc.format.DrummondReport;
import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.KnownSymbols;
import io.dgas.store.bars.SymbolTimeframes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The analysis of stored series, as {@code dgas analyze SYMBOL… --htf 4h --trading 1h} prints it: bars of each
 * timeframe read with one query for all symbols, single-timeframe analyses through the calculation cache, the
 * multi-timeframe verdict where the higher timeframe is complete enough; optionally the report files of each symbol.
 */
public final class StoredAnalysisService {
    private final Database db;
    private final CalculationCache calculations;
    private final MtfParams mtf;

    private final SignalParams signals;

    /**
     * @param mtf the multi-timeframe parameters (the configured ones)
     * @param signals the signal parameters (the configured {@code signals.*} keys and the command's flags), as the
     *     cycle uses them
     */
    public StoredAnalysisService(Database db, CalculationCache calculations, MtfParams mtf, SignalParams signals) {
        this.db = db;
        this.mtf = mtf;
        this.calculations = calculations;
        this.signals = signals;
    }

    /**
     * One row per symbol: {@code symbol, interval, htf, bars, last_bar, close, pldot, state} and, with a usable higher
     * timeframe, {@code alignment, action, risk}; with {@code out} the report files go to {@code out/SYMBOL/}
     * ({@code files}).
     *
     * @param ownTimeframes whether a symbol with fewer than 3 bars at {@code trading} is analysed at its own stored
     *     timeframe nearest to it with that one's pair instead (AAPL's daily bars: 1d with 1w), as the cycle and the
     *     analysis API do when no timeframe was asked for; else such a symbol is refused
     * @throws io.dgas.store.bars.UnknownSymbolException a symbol that is not stored
     * @throws TooFewBarsException a symbol with fewer than 3 trading bars (and, with {@code ownTimeframes}, no stored
     *     timeframe that pairs)
     * @param htf the higher timeframe, or null to analyse the trading bars alone (weekly bars)
     * @throws BadInputException when {@code htf} is not a whole multiple of {@code trading}
     */
    public List<Map<String, Object>> analyze(
            List<String> symbols, Timeframe trading, Timeframe htf, int n, Path out, boolean ownTimeframes)
            throws IOException {
        if (htf != null) {
            AnalysisService.requireHigher(trading, htf);
        }
        BarRepository repo = new BarRepository(db);
        List<String> tickers =
                symbols.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).toList();
        KnownSymbols.require(db, tickers);
        Map<String, BarColumns> t = repo.lastForSymbols(tickers, trading, n);
        Map<String, BarColumns> h = htf == null ? Map.of() : repo.lastForSymbols(tickers, htf, n);
        // symbols short of trading bars: their own timeframe with its pair, looked up for all of them in one query
        // and read in one query per timeframe, not per symbol
        Map<String, Timeframe> own = ownTimeframes(tickers, t, trading, ownTimeframes);
        Map<Timeframe, List<String>> needs = new LinkedHashMap<>();
        own.forEach((s, tf) -> {
            needs.computeIfAbsent(tf, k -> new ArrayList<>()).add(s);
            tf.defaultHigher()
                    .ifPresent(pair ->
                            needs.computeIfAbsent(pair, k -> new ArrayList<>()).add(s));
        });
        Map<Timeframe, Map<String, BarColumns>> ownBars = new LinkedHashMap<>();
        needs.forEach((tf, at) -> ownBars.put(tf, repo.lastForSymbols(at, tf, n)));
        SymbolAnalyzer analyzer = new SymbolAnalyzer(mtf, signals, calculations);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String s : tickers) {
            Timeframe tf = own.get(s);
            if (tf == null) {
                rows.add(row(analyzer, s, t.get(s), h.get(s), htf, out));
                continue;
            }
            Timeframe pair = tf.defaultHigher().orElse(null);
            rows.add(row(
                    analyzer,
                    s,
                    ownBars.get(tf).get(s),
                    pair == null ? null : ownBars.get(pair).get(s),
                    pair,
                    out));
        }
        return rows;
    }

    /**
     * The row of one symbol's trading bars {@code tc} (at least 3) with its higher timeframe's bars {@code hc}; with
     * {@code htf} null (weekly bars, which nothing pairs over) the trading bars alone.
     */
    private Map<String, Object> row(
            SymbolAnalyzer analyzer, String s, BarColumns tc, BarColumns hc, Timeframe htf, Path out)
            throws IOException {
        BarSeries ts = SymbolAnalyzer.series(tc);
        Timeframe trading = ts.timeframe();
        long asOf = ts.ts()[ts.size() - 1] + trading.seconds();
        BarSeries hs =
                htf == null ? null : hc.size() >= 3 ? SymbolAnalyzer.series(hc) : BarAggregator.complete(ts, htf, asOf);
        DrummondAnalysis a = analyzer.analysis(ts);
        Map<String, Object> row = new LinkedHashMap<>();
        int last = a.size() - 1;
        row.put("symbol", s);
        row.put("interval", trading.code());
        row.put("htf", htf == null ? null : htf.code());
        row.put("bars", a.size());
        row.put("last_bar", Instant.ofEpochSecond(ts.ts()[last]).toString());
        row.put("close", ts.close()[last]);
        row.put("pldot", a.pldot()[last]);
        row.put("state", MarketState.codeOf(a.states().state()[last]));
        if (hs != null && hs.size() >= 3) {
            DrummondAnalysis ha = analyzer.analysis(hs);
            if (MultiTimeframe.completeHtfIndex(ha, a, last) >= 2) {
                MtfAnalysis m = MultiTimeframe.analyze(ha, a, last, mtf);
                row.put("alignment", m.alignment());
                row.put("action", m.action().name().toLowerCase(Locale.ROOT));
                row.put("risk", m.risk().name().toLowerCase(Locale.ROOT));
            }
        }
        if (out != null) {
            Path dir = out.resolve(s);
            ReportDirectory.write(
                    "--out",
                    dir,
                    DrummondReport.files(
                            ts,
                            hs != null && hs.size() >= 3 ? hs : null,
                            io.dgas.calc.drummond.DrummondParams.defaults(),
                            mtf,
                            signals));
            row.put("files", dir.toString());
        }
        return row;
    }

    /** A symbol without enough bars to analyse. */
    public static final class TooFewBarsException extends io.dgas.DgasException implements io.dgas.UserError {
        private static final long serialVersionUID = 1L;

        TooFewBarsException(String message) {
            super(message);
        }
    }

    /**
     * The timeframe each symbol short of trading bars (fewer than 3 in {@code t}) is analysed at instead, from one
     * look-up of what all of them store ({@link OwnTimeframes#nearestOrAlone}).
     *
     * @throws TooFewBarsException for the first such symbol when {@code allowed} is false or it stores none that serves
     */
    private Map<String, Timeframe> ownTimeframes(
            List<String> tickers, Map<String, BarColumns> t, Timeframe trading, boolean allowed) {
        List<String> shortOf = tickers.stream().filter(s -> t.get(s).size() < 3).toList();
        Map<String, Timeframe> own = new LinkedHashMap<>();
        if (shortOf.isEmpty()) {
            return own;
        }
        Map<String, SymbolTimeframes.Info> infos = new SymbolTimeframes(db).of(shortOf);
        for (String s : shortOf) {
            List<Timeframe> stored = infos.containsKey(s) ? infos.get(s).timeframes() : List.of();
            Timeframe tf = allowed ? OwnTimeframes.nearestOrAlone(stored, trading) : null;
            if (tf == null) {
                throw new TooFewBarsException(s + " has " + t.get(s).size() + " " + trading
                        + " bars; at least 3 needed"
                        + (stored.isEmpty()
                                ? ""
                                : " (it has bars at "
                                        + String.join(
                                                ", ",
                                                stored.stream()
                                                        .map(Timeframe::code)
                                                        .toList()) + ")"));
            }
            own.put(s, tf);
        }
        return own;
    }
}
