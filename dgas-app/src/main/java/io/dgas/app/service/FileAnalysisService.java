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
import io.dgas.store.ingest.InvalidInputException;
import java.io.IOException;
import java.nio.file.FileSystemException;
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
     * @param out directory for the report files, or null to write none; written all or none ({@link
     *     ReportDirectory#write})
     * @param rows how many latest bars to return
     * @throws BadInputException a missing or unreadable file, a {@code htf} that is not a coarser multiple of the
     *     input's timeframe or not the timeframe of {@code htfBars}, an {@code htfBars} whose timeframe is not a coarser
     *     multiple of the input's, or without an interval column and no {@code htf}
     * @throws BadInputException also an {@code out} that cannot take the files (a file, a directory where one of them
     *     goes), before any is written
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
        BarSeries higher = htfBars != null
                ? higherFile(htfBars, htf, read, trading.timeframe())
                : htf != null ? aggregate(trading, htf) : null;
        Map<String, String> files = DrummondReport.files(trading, higher, DrummondParams.defaults(), mtf, signals);
        List<Path> written = out == null ? List.of() : ReportDirectory.write("--out", out, files);
        return new Result(trading, higher, files, written, latest(DrummondAnalyzer.analyze(trading), rows));
    }

    /**
     * The series of the higher-timeframe file, whose timeframe must pair with {@code trading} as {@code --htf} must
     * (4h over 1h; not 1h over 1h, not 1h over 4h).
     */
    private static BarSeries higherFile(Path file, Timeframe htf, IngestOptions read, Timeframe trading)
            throws IOException {
        BarSeries s =
                htf != null ? read(file, read.withSymbol(read.symbol(), htf)) : higherFileAlone(file, read, trading);
        if (htf != null && s.timeframe() != htf) {
            throw new BadInputException(
                    "htf",
                    htf.code(),
                    "--htf " + htf.code() + " is not the timeframe of " + Printable.of(file.toString()) + " ("
                            + s.timeframe().code() + ")",
                    List.of(s.timeframe().code()));
        }
        AnalysisService.requireHigher(
                trading,
                s.timeframe(),
                "htf-bars",
                file.toString(),
                "--htf-bars " + Printable.of(file.toString()) + " ("
                        + s.timeframe().code() + "): ");
        return s;
    }

    /**
     * The higher-timeframe file read with no {@code --htf}: its timeframe must come from its interval column. The
     * reader's refusal of a file without one tells to give {@code --symbol and --interval}, which are the trading
     * file's (given already, perhaps); what is missing is {@code --htf}, so that is what this says.
     */
    private static BarSeries higherFileAlone(Path file, IngestOptions read, Timeframe trading) throws IOException {
        IngestOptions noTimeframe = read.withSymbol(read.symbol(), null);
        try {
            return read(file, noTimeframe);
        } catch (InvalidInputException e) {
            // a refusal of the whole file (no row named) that a timeframe lifts was the missing interval column
            if (e.reject() != null || !headerPassesWith(file, read.withSymbol(read.symbol(), trading))) {
                throw e;
            }
            throw new BadInputException(
                    "htf",
                    null,
                    Printable.of(file.toString()) + " (--htf-bars) has no interval column: give its timeframe with"
                            + " --htf",
                    trading.highers().stream().map(Timeframe::code).toList());
        }
    }

    /** Whether {@code file} gets past its header when read with {@code opts} (a later row may still be refused). */
    private static boolean headerPassesWith(Path file, IngestOptions opts) throws IOException {
        try {
            read(file, opts);
            return true;
        } catch (InvalidInputException e) {
            return e.reject() != null;
        }
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
