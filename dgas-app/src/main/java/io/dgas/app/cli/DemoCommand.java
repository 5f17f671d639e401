package io.dgas.app.cli;

import io.dgas.app.sample.SampleData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dgas demo}, the main job: starts the embedded database (or uses the configured one), migrates, loads the
 * real sample data when it is not there yet (a second run reuses it), and reports status. Later stages run a cycle
 * and serve the dashboard.
 */
@Command(
        name = "demo",
        description = "Start the default database, prepare the schema, load the sample data and report status.")
final class DemoCommand extends BaseCommand {
    @Option(names = "--reset", description = "empty the market-data tables (bars, ticks) and load the samples again")
    boolean reset;

    @Override
    public Integer call() {
        out().info(
                        config().isExternalDatabase()
                                ? "using the configured database"
                                : "starting the embedded PostgreSQL in " + config().embeddedDataDir() + " ...");
        long start = System.nanoTime();
        Map<String, Object> status = StatusCommand.collect(context());
        status.put("startup_ms", (System.nanoTime() - start) / 1_000_000);
        if (reset) {
            out().info("--reset: emptying bars and ticks ...");
            SampleData.reset(context().database());
        }
        if (!SampleData.isLoaded(context().database())) {
            out().info("loading the sample data (100,000 BTC/USD trades, 252 AAPL daily bars) ...");
        }
        SampleData.Summary sample = SampleData.load(context().database(), IngestCommand.listener());
        Map<String, Object> sampleModel = new LinkedHashMap<>();
        sampleModel.put("reused", sample.reused());
        sampleModel.put("ticks", sample.ticks());
        sampleModel.put("btc_bars", sample.btcBars());
        sampleModel.put("aapl_bars", sample.aaplBars());
        sampleModel.put("millis", sample.millis());
        status.put("sample_data", sampleModel);
        status.put("rows", StatusCommand.collect(context()).get("rows"));
        out().result(status, () -> {
            out().line("dgas demo: database ready in " + status.get("startup_ms") + " ms");
            out().line("sample data " + (sample.reused() ? "reused" : "loaded in " + sample.millis() + " ms") + ": "
                    + SampleData.BTC + " " + sample.ticks() + " ticks -> bars "
                    + sample.btcBars().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", "))
                    + "; " + SampleData.AAPL + " " + sample.aaplBars() + " daily bars");
            out().line("");
            StatusCommand.print(out(), status);
        });
        return ExitCodes.OK;
    }
}
