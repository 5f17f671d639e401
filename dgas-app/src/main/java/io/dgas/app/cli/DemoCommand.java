package io.dgas.app.cli;

import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code dgas demo}, the main job: starts the embedded database (or uses the configured one), migrates, and reports
 * status. Later stages load the sample data, run a cycle and serve the dashboard.
 */
@Command(name = "demo", description = "Start the default database, prepare the schema and report status.")
final class DemoCommand extends BaseCommand {

    @Override
    public Integer call() {
        out().info(
                        config().isExternalDatabase()
                                ? "using the configured database"
                                : "starting the embedded PostgreSQL in " + config().embeddedDataDir() + " ...");
        long start = System.nanoTime();
        Map<String, Object> status = StatusCommand.collect(context());
        status.put("startup_ms", (System.nanoTime() - start) / 1_000_000);
        out().result(status, () -> {
            out().line("dgas demo: database ready in " + status.get("startup_ms") + " ms");
            out().line("");
            StatusCommand.print(out(), status);
        });
        return ExitCodes.OK;
    }
}
