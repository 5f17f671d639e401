package io.dgas.app.cli;

import io.dgas.app.AppContext;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.cycle.SymbolAnalyzer;
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
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.KnownSymbols;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code dgas analyze SYMBOL… --htf 4h --trading 1h}: the analysis of stored series, bars of each timeframe read with
 * one query for all symbols, single-timeframe analyses through the calculation cache; with {@code --out DIR} the
 * report files of each symbol go to {@code DIR/SYMBOL/}.
 */
final class DatabaseAnalysis {
    private DatabaseAnalysis() {}

    static int run(
            BaseCommand cmd,
            List<String> symbols,
            String htfCode,
            String tradingCode,
            Integer lookback,
            Path out,
            Output o)
            throws IOException {
        AppContext ctx = cmd.context();
        Timeframe trading = tradingCode != null
                ? parse("--trading", tradingCode)
                : ctx.config().timeframe(ConfigKeys.TRADING);
        Timeframe htf = htfCode != null ? parse("--htf", htfCode) : ctx.config().timeframe(ConfigKeys.HTF);
        int n = lookback != null ? lookback : ctx.config().intValue(ConfigKeys.LOOKBACK);
        BarRepository repo = new BarRepository(ctx.database());
        List<String> tickers =
                symbols.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).toList();
        KnownSymbols.require(ctx.database(), tickers);
        Map<String, BarColumns> t = repo.lastForSymbols(tickers, trading, n);
        Map<String, BarColumns> h = repo.lastForSymbols(tickers, htf, n);
        SymbolAnalyzer analyzer = new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults(), ctx.calculations());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String s : tickers) {
            BarColumns tc = t.get(s);
            if (tc.size() < 3) {
                throw new BadArgumentException(s + " has " + tc.size() + " " + trading + " bars; at least 3 needed");
            }
            BarSeries ts = SymbolAnalyzer.series(tc);
            long asOf = ts.ts()[ts.size() - 1] + trading.seconds();
            BarSeries hs =
                    h.get(s).size() >= 3 ? SymbolAnalyzer.series(h.get(s)) : BarAggregator.complete(ts, htf, asOf);
            DrummondAnalysis a = analyzer.analysis(ts);
            Map<String, Object> row = new LinkedHashMap<>();
            int last = a.size() - 1;
            row.put("symbol", s);
            row.put("bars", a.size());
            row.put("last_bar", Instant.ofEpochSecond(ts.ts()[last]).toString());
            row.put("close", ts.close()[last]);
            row.put("pldot", a.pldot()[last]);
            row.put("state", MarketState.codeOf(a.states().state()[last]));
            if (hs.size() >= 3) {
                DrummondAnalysis ha = analyzer.analysis(hs);
                if (MultiTimeframe.completeHtfIndex(ha, a, last) >= 2) {
                    MtfAnalysis m = MultiTimeframe.analyze(ha, a, last, MtfParams.defaults());
                    row.put("alignment", m.alignment());
                    row.put("action", m.action().name().toLowerCase(Locale.ROOT));
                    row.put("risk", m.risk().name().toLowerCase(Locale.ROOT));
                }
            }
            if (out != null) {
                Path dir = Files.createDirectories(out.resolve(s));
                for (Map.Entry<String, String> f :
                        DrummondReport.files(ts, hs.size() >= 3 ? hs : null).entrySet()) {
                    Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
                }
                row.put("files", dir.toString());
            }
            rows.add(row);
        }
        o.result(
                rows,
                () -> o.table(
                        List.of("symbol", "bars", "last bar", "close", "pldot", "state", "alignment", "action", "risk"),
                        rows.stream()
                                .map(r -> List.of(
                                        String.valueOf(r.get("symbol")),
                                        String.valueOf(r.get("bars")),
                                        String.valueOf(r.get("last_bar")),
                                        num(r.get("close")),
                                        num(r.get("pldot")),
                                        String.valueOf(r.get("state")),
                                        num(r.get("alignment")),
                                        String.valueOf(r.getOrDefault("action", "-")),
                                        String.valueOf(r.getOrDefault("risk", "-"))))
                                .toList()));
        return ExitCodes.OK;
    }

    private static Timeframe parse(String option, String code) {
        try {
            return Timeframe.parse(code);
        } catch (IllegalArgumentException e) {
            throw new BadArgumentException(option + ": " + e.getMessage());
        }
    }

    private static String num(Object v) {
        return v instanceof Double d && !d.isNaN() ? String.format(Locale.ROOT, "%.4f", d) : "-";
    }
}
