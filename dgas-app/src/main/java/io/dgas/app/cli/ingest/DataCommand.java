package io.dgas.app.cli.ingest;

import io.dgas.app.cli.*;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.DataCatalog;
import io.dgas.store.bars.KnownSymbols;
import io.dgas.store.bars.SoftDelete;
import io.dgas.store.export.BarExport;
import io.dgas.store.export.TickExport;
import io.dgas.store.ingest.Timestamps;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dgas data …}: what is stored, and soft delete / restore / purge. */
@Command(
        name = "data",
        description = "Stored market data: list, stats, soft delete, restore, purge.",
        subcommands = {
            DataCommand.ListData.class,
            DataCommand.Stats.class,
            DataCommand.Export.class,
            DataGapsCommand.class,
            DataCheckCommand.class,
            DataCalendarCommand.class,
            DataCommand.Delete.class,
            DataCommand.Restore.class,
            DataCommand.Purge.class
        })
public final class DataCommand {

    @Command(name = "list", description = "Symbols with active row counts per timeframe (and ticks), first/last ts.")
    static final class ListData extends BaseCommand {
        @Override
        public Integer call() {
            List<DataCatalog.Series> series = new DataCatalog(context().database()).list();
            out().result(
                            series,
                            () -> out().table(
                                            List.of("symbol", "timeframe", "rows", "first", "last", "deleted"),
                                            series.stream()
                                                    .map(s -> List.of(
                                                            s.symbol(),
                                                            s.timeframe(),
                                                            Long.toString(s.rows()),
                                                            s.first() == null
                                                                    ? ""
                                                                    : s.first().toString(),
                                                            s.last() == null
                                                                    ? ""
                                                                    : s.last().toString(),
                                                            Long.toString(s.deleted())))
                                                    .toList()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "stats", description = "Totals: symbols, bars and ticks (active and soft-deleted), sizes.")
    static final class Stats extends BaseCommand {
        @Override
        public Integer call() {
            Map<String, Object> stats = new DataCatalog(context().database()).stats();
            Map<String, Object> shown = new LinkedHashMap<>();
            stats.forEach((k, v) -> shown.put(k, text(k, v)));
            out().result(stats, () -> out().fields(shown));
            return ExitCodes.OK;
        }

        /** Sizes for people (the JSON keeps bytes). */
        private static Object text(String key, Object v) {
            return key.endsWith("_bytes") && v instanceof Number n ? Output.size(n.longValue()) : v;
        }
    }

    /** The selection options shared by export, delete and restore. */
    abstract static class Selecting extends BaseCommand {
        @Option(names = "--symbol", required = true, description = "ticker")
        String symbol;

        @Option(
                names = "--interval",
                description = "one timeframe (default: every timeframe; delete and restore then take the ticks too)")
        String interval;

        @Option(names = "--from", description = "first ts included (date or ISO-8601 date-time)")
        String from;

        @Option(names = "--to", description = "first ts excluded")
        String to;

        SoftDelete.Selection selection() {
            SoftDelete.Selection sel = new SoftDelete.Selection(
                    symbol.trim().toUpperCase(Locale.ROOT),
                    OptionRanges.timeframe("--interval", interval),
                    instant("--from", from),
                    instant("--to", to));
            // an empty range would change nothing and report 0 rows as if the selection had been applied
            requireRange(sel.from(), sel.to(), from, to);
            KnownSymbols.require(context().database(), List.of(sel.symbol()));
            return sel;
        }

        SoftDelete softDelete() {
            return new SoftDelete(
                    context().database(), context().clock(), context().ingestListener());
        }

        void report(String verb, SoftDelete.Changed c) {
            Map<String, Object> m = io.dgas.app.ingest.DataChanges.body(c);
            out().result(m, () -> {
                out().line(verb + " " + c.bars() + " bar(s) and " + c.ticks() + " tick(s)");
                String source = c.rebuilt().isEmpty()
                        ? ""
                        : OptionRanges.timeframe("--interval", interval).code();
                for (var r : c.rebuilt()) {
                    out().line("rebuilt " + r.target().code() + " from " + source + ": " + r.written()
                            + " bar(s) written, " + r.deleted() + " soft-deleted (no " + source + " bar left in them)");
                }
            });
        }

        /** Refuses an empty range: {@code --to} not after {@code --from} (as given, {@code from} and {@code to}). */
        static void requireRange(Instant start, Instant end, String from, String to) {
            if (start != null && end != null && !start.isBefore(end)) {
                throw new BadArgumentException(
                        "--to", to, "--to " + to + " must be after --from " + from + " (--to is excluded)");
            }
        }

        static Instant instant(String option, String text) {
            if (text == null) {
                return null;
            }
            long micros = Timestamps.parseMicros(text.trim());
            if (micros == Timestamps.INVALID) {
                throw new BadArgumentException(
                        "invalid value '" + text + "' for " + option + ": expected a date or ISO-8601 date-time");
            }
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
        }
    }

    @Command(
            name = "export",
            description = "Write a symbol's active bars as CSV (timestamp,symbol,interval,open,high,low,close,volume),"
                    + " the format ingest bars and analyze --bars read; with --ticks its active ticks"
                    + " (timestamp,price,size,bid,ask,bid_size,ask_size), the format ingest ticks reads.")
    static final class Export extends Selecting {
        @Option(names = "--out", description = "file to write (default: standard output); written whole or not at all")
        Path file;

        @Option(names = "--ticks", description = "export the symbol's ticks instead of its bars (not with --interval)")
        boolean ticks;

        @Override
        public Integer call() {
            if (ticks && interval != null) {
                throw new BadArgumentException(
                        "--interval", interval, "--interval selects bars: --ticks exports every tick of the range");
            }
            SoftDelete.Selection sel = selection();
            String what = ticks ? "tick" : "bar";
            Function<Writer, Long> export = ticks
                    ? w -> new TickExport(context().database()).write(sel.symbol(), sel.from(), sel.to(), w)
                    : w -> new BarExport(context().database())
                            .write(sel.symbol(), sel.timeframe(), sel.from(), sel.to(), w);
            if (file == null) {
                long rows = export.apply(out().stdout());
                out().info(rows + " " + what + "(s) exported");
                return ExitCodes.OK;
            }
            long rows = OutputFile.write("--out", file, export::apply);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(what + "s", rows);
            m.put("file", file.toString());
            out().result(m, () -> out().line("exported " + rows + " " + what + "(s) to " + file));
            return ExitCodes.OK;
        }
    }

    /** Delete and restore: a selection, and the timeframes built from it to make again. */
    abstract static class Changing extends Selecting {
        @Option(
                names = "--rebuild",
                split = ",",
                paramLabel = "TF",
                description = "higher timeframes built from --interval (dgas aggregate) to make again over the range,"
                        + " e.g. 5m,1h: changed buckets rewritten, those left without a source bar soft-deleted")
        List<String> rebuild;

        /**
         * The --rebuild timeframes (the store refuses, before any change, one that is not a larger multiple of
         * --interval); empty when not given.
         */
        List<Timeframe> rebuild() {
            if (rebuild == null || rebuild.isEmpty()) {
                return List.of();
            }
            if (interval == null) {
                throw new BadArgumentException(
                        "--rebuild",
                        String.join(",", rebuild),
                        "--rebuild needs --interval, the timeframe its bars are built from");
            }
            return rebuild.stream()
                    .map(t -> OptionRanges.timeframe("--rebuild", t.trim()))
                    .toList();
        }
    }

    @Command(
            name = "delete",
            description = "Soft-delete (set deleted_at); idempotent; prints the count changed; --rebuild makes the"
                    + " bars aggregated from them again.")
    static final class Delete extends Changing {
        @Override
        public Integer call() {
            List<Timeframe> targets = rebuild();
            report("soft-deleted", softDelete().delete(selection(), targets));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "restore",
            description = "Undo a soft delete (clear deleted_at); idempotent; --rebuild makes the bars aggregated from"
                    + " them again.")
    static final class Restore extends Changing {
        @Override
        public Integer call() {
            List<Timeframe> targets = rebuild();
            report("restored", softDelete().restore(selection(), targets));
            return ExitCodes.OK;
        }
    }

    @Command(name = "purge", description = "Hard-delete rows soft-deleted longer ago than --older-than.")
    static final class Purge extends BaseCommand {
        @Option(names = "--older-than", required = true, description = "e.g. 30d, 12h")
        String olderThan;

        @Override
        public Integer call() {
            SoftDelete.Changed c = new SoftDelete(
                            context().database(), context().clock(), context().ingestListener())
                    .purge(Durations.parse("--older-than", olderThan));
            out().result(
                            io.dgas.app.ingest.DataChanges.body(c),
                            () -> out().line("purged " + c.bars() + " bar(s) and " + c.ticks() + " tick(s)"));
            return ExitCodes.OK;
        }
    }
}
