package io.dgas.app.cli.ingest;

import io.dgas.app.cli.*;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.RollupResult;
import io.dgas.store.bars.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dgas aggregate}: higher timeframes from lower ones (or from ticks), complete buckets only by default. */
@Command(
        name = "aggregate",
        description = "Build higher-timeframe bars from lower ones or from ticks (set-based SQL). Only complete"
                + " buckets are written unless --include-partial.")
public final class AggregateCommand extends BaseCommand {
    static final class Which {
        @Option(names = "--symbol", split = ",", description = "tickers (repeatable or comma-separated)")
        List<String> symbols;

        @Option(names = "--all", description = "every symbol with source data")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Option(names = "--from", required = true, description = "source: a timeframe (1m …) or 'ticks'")
    String from;

    @Option(names = "--to", required = true, split = ",", description = "targets, e.g. 5m,15m,1h,4h,1d")
    List<String> to;

    @Option(names = "--include-partial", description = "also write the forming bucket, flagged is_partial")
    boolean includePartial;

    @Option(
            names = "--session",
            arity = "2",
            paramLabel = "ZONE HOURS",
            description = "exchange session for 1d/1w, e.g. --session America/New_York 09:30-16:00")
    List<String> session;

    @Override
    public Integer call() {
        List<Timeframe> targets = new ArrayList<>();
        for (String t : to) {
            targets.add(OptionRanges.timeframe("--to", t.trim()));
        }
        List<String> symbols = which.all ? List.of() : IngestCommand.split(which.symbols);
        Session s = session == null ? null : Session.parse(session.get(0), session.get(1));
        Timeframe source = from.trim().equalsIgnoreCase("ticks") ? null : OptionRanges.timeframe("--from", from);
        List<RollupResult> results = context().ingest().aggregate(symbols, source, targets, includePartial, s);
        List<Map<String, Object>> model = new ArrayList<>();
        for (RollupResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("symbol", r.symbol());
            m.put("timeframe", r.target().code());
            m.put("inserted", r.inserted());
            m.put("updated", r.updated());
            model.add(m);
        }
        out().result(Map.of("from", from, "results", model), () -> {
            if (results.isEmpty()) {
                // also said when the source holds no rows, or too few to complete a bucket (data to its end)
                out().line("nothing to write: no complete bucket is missing or changed (a bucket is complete once "
                        + (source == null ? "ticks exist" : source.code() + " bars exist")
                        + " at or after its end; --include-partial writes the forming one too)");
                return;
            }
            out().table(
                            List.of("symbol", "timeframe", "inserted", "updated"),
                            results.stream()
                                    .map(r -> List.of(
                                            r.symbol(),
                                            r.target().code(),
                                            Long.toString(r.inserted()),
                                            Long.toString(r.updated())))
                                    .toList());
        });
        return ExitCodes.OK;
    }
}
