package io.dgas.app.service;

import io.dgas.Printable;
import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.DrummondAnalyzer;
import io.dgas.calc.drummond.DrummondParams;
import io.dgas.calc.drummond.MarketState;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.calc.format.DrummondReport;
import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.store.ingest.BarFile;
import io.dgas.store.ingest.IngestOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analysis of a bars file with no database ({@code dgas analyze --bars F}): the trading series from the file, the
 * higher timeframe from a second file or aggregated from the first (complete buckets only), the files of drummond.md
 * §8 (written to a directory when one is given) and the latest rows. Files are read as {@code dgas ingest bars} reads
 * them ({@link BarFile}): the same forms, rules and messages.
 */
public final class FileAnalysisService {
    /** What a file analysis produced. */
    public record Result(
            BarSeries trading, BarSeries higher, Map<String, String> files, List<Path> written, List<Row> latest) {}

    /** One of the latest bars with its PLdot, envelope and market state code. */
    public record Row(Instant timestamp, double close, double pldot, double upper, double lower, String state) {}

    /**
     * @param htfBars higher-timeframe bars file, or null
     * @param htf the higher timeframe: with {@code htfBars}, that file's (its interval when it has no such column),
     *     else the one to aggregate the input into; or null
     * @param read how to read the files: the symbol, and the interval of {@code bars}, for files in the {@code
     *     date,open,…} form, the time zone of times without an offset, the limits
     * @param out directory for the report files, or null to write none
     * @param rows how many latest bars to return
     * @throws BadInputException a missing or unreadable file, a {@code htf} that is not a coarser multiple of the
     *     input's timeframe or not the timeframe of {@code htfBars}
     * @throws io.dgas.store.ingest.InvalidInputException a row of a file that breaks a rule, naming file, line, field
     *     and value
     */
    public Result analyze(
            Path bars,
            Path htfBars,
            Timeframe htf,
            IngestOptions read,
            MtfParams mtf,
            SignalParams signals,
            Path out,
            int rows)
            throws IOException {
        BarSeries trading = read(bars, read);
        BarSeries higher =
                htfBars != null ? higherFile(htfBars, htf, read) : htf != null ? aggregate(trading, htf) : null;
        Map<String, String> files = DrummondReport.files(trading, higher, DrummondParams.defaults(), mtf, signals);
        List<Path> written = new ArrayList<>();
        if (out != null) {
            Files.createDirectories(out);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = out.resolve(f.getKey());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
                written.add(p);
            }
        }
        return new Result(trading, higher, files, written, latest(DrummondAnalyzer.analyze(trading), rows));
    }

    private static BarSeries higherFile(Path file, Timeframe htf, IngestOptions read) throws IOException {
        BarSeries s = read(file, read.withSymbol(read.symbol(), htf));
        if (htf != null && s.timeframe() != htf) {
            throw new BadInputException(
                    "htf",
                    htf.code(),
                    "--htf " + htf.code() + " is not the timeframe of " + Printable.of(file.toString()) + " ("
                            + s.timeframe().code() + ")",
                    List.of(s.timeframe().code()));
        }
        return s;
    }

    private static BarSeries read(Path file, IngestOptions opts) throws IOException {
        try {
            return BarFile.read(file, opts);
        } catch (NoSuchFileException e) {
            throw new BadInputException(
                    "file", file.toString(), "bars file " + file + " does not exist", List.of("an existing CSV file"));
        } catch (FileSystemException e) { // a name too long, a directory, no permission: the user's path
            throw new BadInputException(
                    "file",
                    file.toString(),
                    "bars file " + Printable.of(file.toString()) + ": cannot read it ("
                            + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()) + ")",
                    List.of("a readable CSV file"));
        }
    }

    private static BarSeries aggregate(BarSeries trading, Timeframe target) {
        AnalysisService.requireHigher(trading.timeframe(), target);
        return BarAggregator.complete(
                trading,
                target,
                trading.ts()[trading.size() - 1] + trading.timeframe().seconds());
    }

    private static List<Row> latest(DrummondAnalysis a, int rows) {
        List<Row> out = new ArrayList<>();
        long[] ts = a.series().ts();
        double[] close = a.series().close();
        for (int i = Math.max(0, a.size() - rows); i < a.size(); i++) {
            out.add(new Row(
                    Instant.ofEpochSecond(ts[i]),
                    close[i],
                    a.pldot()[i],
                    a.upper()[i],
                    a.lower()[i],
                    MarketState.codeOf(a.states().state()[i])));
        }
        return out;
    }

    /** The latest rows as the documents {@code --format json} prints. */
    public static List<Map<String, Object>> rows(Result r) {
        return r.latest().stream()
                .map(x -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("timestamp", x.timestamp().toString());
                    m.put("close", x.close());
                    m.put("pldot", x.pldot());
                    m.put("upper", x.upper());
                    m.put("lower", x.lower());
                    m.put("state", x.state());
                    return m;
                })
                .toList();
    }
}
