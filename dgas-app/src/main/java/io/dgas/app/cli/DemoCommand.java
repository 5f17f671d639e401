package io.dgas.app.cli;

import io.dgas.app.cli.monitor.RunsMonitor;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.cycle.CycleResult;
import io.dgas.app.demo.DemoPortfolio;
import io.dgas.app.demo.SyntheticUniverse;
import io.dgas.app.sample.SampleData;
import io.dgas.app.trading.PortfolioService;
import io.dgas.domain.Timeframe;
import io.dgas.store.ledger.PortfolioView;
import io.dgas.store.migrate.Migrator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dgas demo}, the main job: starts the embedded database (or uses the configured one), migrates, loads the
 * real sample data and a deterministic synthetic universe when they are not there yet (a second run reuses them),
 * runs one prediction cycle, and prints its signals, the run with its stage times, the status and where the data is.
 */
@Command(
        name = "demo",
        description = "Start the default database, prepare the schema, load the sample data and report status.")
final class DemoCommand extends BaseCommand {
    @Option(
            names = "--reset",
            description = "remove the demo's own data (the BTCUSD and AAPL samples, the SYNnnnn universe) and load"
                    + " it again; other symbols' data stays")
    boolean reset;

    @Option(names = "--symbols", defaultValue = "200", description = "synthetic random-walk symbols (default 200)")
    int symbols;

    @Option(names = "--no-serve", description = "exit when done instead of serving the dashboard until Ctrl-C")
    boolean noServe;

    @Option(names = "--port", description = "dashboard port (default web.port, 8080; a busy port: any free one)")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        // the options first: a bad one must not wait for the database, the data and the cycle to be refused
        OptionRanges.between("--symbols", symbols, 1, 10_000);
        int p = ServeCommand.port(this, port);
        out().info(
                        config().isExternalDatabase()
                                ? "using the configured database"
                                : "starting the embedded PostgreSQL in " + config().embeddedDataDir() + " ...");
        long start = System.nanoTime();
        if (config().isExternalDatabase()) {
            // the demo prepares the schema it loads into, as it does on the embedded server
            context().acceptAnySchema();
            Migrator.Result m = new Migrator(context().database()).migrate();
            if (m.migrationsExecuted() > 0) {
                out().info("applied " + m.migrationsExecuted() + " migration(s): schema version " + m.from() + " -> "
                        + m.toVersion());
            }
        }
        Map<String, Object> status = new io.dgas.app.service.StatusService(context()).status();
        status.put("startup_ms", (System.nanoTime() - start) / 1_000_000);
        if (reset) {
            out().info("--reset: removing the demo's own data (sample and synthetic series; other data stays) ...");
            SampleData.reset(context().database());
            SyntheticUniverse.reset(context().database());
        }
        if (!SampleData.isLoaded(context().database())) {
            out().info("loading the sample data (100,000 BTC/USD trades, 252 AAPL daily bars) ...");
        }
        SampleData.Summary sample =
                SampleData.load(context().database(), context().ingestListener());
        Map<String, Object> sampleModel = new LinkedHashMap<>();
        sampleModel.put("reused", sample.reused());
        sampleModel.put("ticks", sample.ticks());
        sampleModel.put("btc_bars", sample.btcBars());
        sampleModel.put("aapl_bars", sample.aaplBars());
        sampleModel.put("millis", sample.millis());
        status.put("sample_data", sampleModel);
        SyntheticUniverse.Result universe = SyntheticUniverse.ensure(
                context().database(),
                context().ingestListener(),
                symbols,
                context().clock().instant());
        status.put(
                "synthetic",
                Map.of(
                        "symbols",
                        symbols,
                        "reused",
                        universe.reused(),
                        "extended",
                        universe.extended(),
                        "new_bars",
                        universe.rows(),
                        "millis",
                        universe.millis()));
        PortfolioService portfolios = new PortfolioService(
                context().database(), context().clock(), context().cache());
        DemoPortfolio.Result paper = DemoPortfolio.ensure(portfolios);
        List<String> cycleSymbols = new ArrayList<>(universe.symbols());
        cycleSymbols.add(SampleData.BTC);
        cycleSymbols.add(SampleData.AAPL);
        out().info("running a prediction cycle over " + cycleSymbols.size() + " symbols (4h / 1h; " + SampleData.AAPL
                + " at 1d / 1w, the timeframes its data has) ...");
        CycleResult cycle = CycleCommand.run(
                context(), cycleSymbols, "4h", "1h", null, context().signalParams());
        status.put("cycle", CycleCommand.model(cycle));
        PortfolioView view = portfolios.show(paper.portfolioId(), Timeframe.H1, 1000);
        Map<String, Object> paperModel = new LinkedHashMap<>();
        paperModel.put("portfolio", paper.portfolioId());
        paperModel.put("session", paper.sessionId());
        paperModel.put("created", paper.created());
        paperModel.put("positions", view.positions().size());
        paperModel.put("orders", view.trades().size());
        status.put("paper", paperModel);
        io.dgas.store.ServerStatus server =
                io.dgas.store.ServerStatus.read(context().database());
        status.put("rows", server.rowCounts());
        status.put("rows_estimated", server.estimatedCounts());
        if (noServe) {
            report(status, sample, universe, cycle);
            return ExitCodes.OK;
        }
        String host = config().string(ConfigKeys.WEB_HOST).orElse("127.0.0.1");
        if (p != 0 && ServeCommand.bindProblem(host, p) != null) {
            out().info("port " + p + " is busy; the dashboard takes any free port");
            p = 0;
        }
        int chosen = p;
        ServeCommand.serve(
                this,
                host,
                p,
                true,
                url -> {
                    status.put("dashboard", url + "/");
                    report(status, sample, universe, cycle);
                    out().line("");
                    out().line("dashboard: " + url + "/   (serving until Ctrl-C; --no-serve exits at once)");
                },
                e -> new BadArgumentException(
                        port != null ? "--port" : ConfigKeys.WEB_PORT,
                        Integer.toString(chosen),
                        "cannot listen on " + host + ":" + chosen + " (" + e.getMessage() + ")"));
        return ExitCodes.OK;
    }

    /** Prints what the demo did (the JSON document with --json). */
    private void report(
            Map<String, Object> status,
            SampleData.Summary sample,
            SyntheticUniverse.Result universe,
            CycleResult cycle) {
        out().result(status, () -> {
            out().line("dgas demo: database ready in " + status.get("startup_ms") + " ms");
            out().line("sample data " + (sample.reused() ? "reused" : "loaded in " + sample.millis() + " ms") + ": "
                    + SampleData.BTC + " " + sample.ticks() + " ticks -> bars "
                    + sample.btcBars().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", "))
                    + "; " + SampleData.AAPL + " " + sample.aaplBars() + " daily bars");
            out().line("synthetic universe "
                    + (universe.reused()
                            ? "reused"
                            : (universe.extended() ? "brought to the last complete hour" : "generated") + " in "
                                    + universe.millis() + " ms (" + universe.rows() + " new 1h bars)")
                    + ": " + symbols + " seeded walks (seed " + SyntheticUniverse.SEED + ") of 1h bars, at least "
                    + SyntheticUniverse.BARS + " each, 4h aggregated");
            out().line("");
            CycleCommand.print(out(), cycle);
            if (cycle.signals().isEmpty()) {
                out().line("(signals equal to earlier ones within the 60-minute aggregation window are not stored"
                        + " again; the latest stored:)");
                new RunsMonitor.Signals()
                        .print(
                                out(),
                                new io.dgas.app.service.SignalsService(
                                                context().database(), context().cache())
                                        .signals(new io.dgas.store.runs.SignalQuery(null, null, null, 0.0, null, 20, 0))
                                        .items());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> paper = (Map<String, Object>) status.get("paper");
            out().line("paper portfolio #" + paper.get("portfolio") + " (" + DemoPortfolio.OWNER + "/"
                    + DemoPortfolio.NAME + ", session #" + paper.get("session") + "): " + paper.get("orders")
                    + " orders, " + paper.get("positions") + " positions; orders fill at the next bar"
                    + " (portfolio.html?id=" + paper.get("portfolio") + ")");
            out().line("");
            StatusCommand.print(out(), status);
            out().line("");
            out().line("data: "
                    + (config().isExternalDatabase()
                            ? io.dgas.store.Redact.url(
                                    config().string(ConfigKeys.DB_URL).orElse(""))
                            : config().embeddedDataDir().toString())
                    + "   (try: dgas monitor signals, dgas serve)");
        });
    }
}
