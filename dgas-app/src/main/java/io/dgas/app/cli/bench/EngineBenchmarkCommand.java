package io.dgas.app.cli.bench;

import io.dgas.app.bench.EngineBenchmark;
import io.dgas.app.cli.*;
import io.dgas.calc.drummond.EngineRate;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dgas benchmark engine}: the full single-timeframe analysis in ns/bar, shipped vs span-bound search. */
@Command(
        name = "engine",
        description = "Full single-timeframe analysis ns/bar (goal <= 500): the shipped termination search (zone marks"
                + " kept across bars) vs the same search deriving its marks per bar and the span-bound pass.")
final class EngineBenchmarkCommand extends BaseCommand {
    @Option(names = "--bars", defaultValue = "10000", description = "bars per analysis (10000)")
    int bars;

    @Option(names = "--rounds", defaultValue = "10", description = "alternating rounds per path (10)")
    int rounds;

    @Option(names = "--round-ms", defaultValue = "300", description = "milliseconds per round (300)")
    long roundMillis;

    @Override
    public Integer call() {
        if (bars < 3 || bars > 10_000_000) {
            throw new BadArgumentException("--bars", String.valueOf(bars), "--bars must be 3 to 10000000");
        }
        if (rounds < 1 || rounds > 1000) {
            throw new BadArgumentException("--rounds", String.valueOf(rounds), "--rounds must be 1 to 1000");
        }
        if (roundMillis < 1 || roundMillis > 60_000) {
            throw new BadArgumentException("--round-ms", String.valueOf(roundMillis), "--round-ms must be 1 to 60000");
        }
        EngineBenchmark.Result r = EngineBenchmark.run(bars, rounds, roundMillis);
        EngineRate.Figures f = r.figures();
        out().result(
                        r,
                        () -> out().line(String.format(
                                Locale.ROOT,
                                "%,d bars, %d rounds (%s clock, fastest round): engine %.0f ns/bar (goal <= %.0f: %s),"
                                        + " marks derived per bar (the build before) %.0f ns/bar, span-bound search"
                                        + " %.0f ns/bar, speed-up %.2fx over the build before, %,d events",
                                f.bars(),
                                f.rounds(),
                                r.clock(),
                                f.nsPerBar(),
                                EngineRate.GOAL_NS_PER_BAR,
                                f.goalMet() ? "met" : "not met",
                                f.perBarMarksNsPerBar(),
                                f.spanBoundNsPerBar(),
                                f.speedup(),
                                f.events())));
        return ExitCodes.OK;
    }
}
